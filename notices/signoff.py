"""Sign-off by a second person (审核不得自审): the approval task of every workflow the
bureau runs (legal review of the duty lists and the catalogue, sign-off of notices
and events, the bureau's approval of station changes).

Wagtail's group approval lets any member of the approving groups approve, including
the member who submitted the change or wrote its latest revision. `SignOffTask` is
that task with one rule more: whoever submitted the change, or wrote the revision
that approving would publish, is offered no action and is refused one posted anyway;
another member of the groups signs it off.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin import action_menu as page_menu
from wagtail.models import AbstractGroupApprovalTask
from wagtail.snippets import action_menu as snippet_menu

from portal.roles import WORKFLOWS


def authors_of(obj) -> set[int]:
    """Ids of the people whose change `obj` (a page or snippet in a workflow) is: who
    submitted it, and who wrote the revision that approving would publish."""
    authors = set()
    state = obj.current_workflow_state
    if state is not None and state.requested_by_id:
        authors.add(state.requested_by_id)
    revision = obj.get_latest_revision()
    if revision is not None and revision.user_id:
        authors.add(revision.user_id)
    return authors


class SignOffTask(AbstractGroupApprovalTask):
    """A member of the chosen groups approves, never the change's own author."""

    def get_actions(self, obj, user):
        if user.pk in authors_of(obj):
            return []
        return super().get_actions(obj, user)

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        if user.pk in authors_of(task_state.workflow_state.content_object):
            raise PermissionDenied
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        return states.exclude(workflow_state__requested_by=user).exclude(
            revision__user=user
        )

    @classmethod
    def get_description(cls):
        return _(
            "Members of the chosen groups approve; never the person who submitted "
            "the change or wrote it."
        )

    class Meta:
        verbose_name = _("sign-off by a second person")
        verbose_name_plural = _("sign-offs by a second person")


# Workflow and task names are stored as English msgids (portal/roles.py); Wagtail's
# Submit button prints the stored name. These items print it translated.


def translate_names(label: str) -> str:
    """`label` with the workflow or task name in it in the active language."""
    names = {name for workflow in WORKFLOWS for name in workflow[:2]}
    for name in sorted(names, key=len, reverse=True):
        if name in label:
            return label.replace(name, gettext(name))
    return label


class PageSubmitMenuItem(page_menu.SubmitForModerationMenuItem):
    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["label"] = translate_names(str(context["label"]))
        return context


class SnippetSubmitMenuItem(snippet_menu.SubmitForModerationMenuItem):
    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["label"] = translate_names(str(context["label"]))
        return context


def translate_submit_item(menu_items: list) -> None:
    """Replace Wagtail's Submit item in an action menu by the translating one."""
    for index, item in enumerate(menu_items):
        if type(item) is page_menu.SubmitForModerationMenuItem:
            menu_items[index] = PageSubmitMenuItem(order=item.order)
        elif type(item) is snippet_menu.SubmitForModerationMenuItem:
            menu_items[index] = SnippetSubmitMenuItem(order=item.order)
