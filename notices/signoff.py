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
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask


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
