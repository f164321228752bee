"""Bulk actions on the ticked reports of the queue (Wagtail's bulk action
framework, as for any snippet): accept, start work, triage, close, and merge into
one surviving report. Each report goes through its rule exactly as from its own
page (`states.permit` inside), and is logged like a single one. An id outside the
user's communities refuses the whole batch (403); a report whose state does not
allow the action is named and left as it is.

Each action names the permission policy's action it needs (`permission`); the queue
offers only those the user holds (`offered`). Wagtail's generic "Delete" is replaced
for reports by `DeleteReportsBulkAction`, which needs "delete" (administrators):
anyone else is refused before anything is read or deleted."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from participation.reports.admin_forms import HandlingModeField
from participation.reports.handling import last_event_id, record_mode
from participation.reports.merging import merge_by_reference
from participation.reports.models import Report, Triage
from participation.reports.permissions import policy, reports_for
from participation.reports.staff_actions import accept, close, set_triage, start_work
from participation.reports.states import ACTIONS
from participation.reports.workflow import ReportError
from portal.params import parse_id
from portal.text import listing


class HandlingForm(forms.Form):
    """Every bulk action records how the reports were handled (721)."""

    handling_mode = HandlingModeField()


class ReportBulkAction(SnippetBulkAction):
    """One rule applied to each ticked report the user may act on, recording the
    handling mode chosen for the batch on each."""

    models = [Report]
    form_class = HandlingForm
    template_name = "participation/report_admin_bulk.html"
    rule_name = ""
    permission = "act"

    def __init__(self, request, model):
        super().__init__(request, model)
        if not get_valid_next_url_from_request(request):
            self.next_url = reverse("participation_reports:list")  # back to the queue

    def dispatch(self, request, *args, **kwargs):
        ids = [value for value in request.GET.getlist("id") if value != "all"]
        if not request.GET.getlist("id") or any(parse_id(v) is None for v in ids):
            messages.error(request, _("Tick reports and choose an action."))
            return redirect(self.next_url)
        return super().dispatch(request, *args, **kwargs)

    def check_perm(self, obj):
        return policy.user_has_permission_for_instance(self.request.user, "act", obj)

    def get_all_objects_in_listing_query(self, parent_id):
        return reports_for(self.request.user).values_list("pk", flat=True)

    def get_actionable_objects(self):
        objects, refused = super().get_actionable_objects()
        if refused["items_with_no_access"]:
            raise PermissionDenied  # another community's report, or no right to act
        return objects, refused

    def get_execution_context(self):
        return {
            **super().get_execution_context(),
            "data": self.cleaned_form.cleaned_data,
        }

    def apply(self, report: Report, data: dict) -> None:
        raise NotImplementedError

    @classmethod
    def execute_action(cls, objects, **kwargs):
        # Wagtail passes the view itself as "self" (SnippetBulkAction).
        view, data = kwargs["self"], kwargs["data"]
        view.failed = []
        for report in objects:
            try:
                with transaction.atomic():
                    after = last_event_id(report)
                    view.apply(report, data)
                    record_mode(report, data["handling_mode"], after=after)
            except ReportError:
                view.failed.append(report.reference)
        return len(objects) - len(view.failed), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        message = _("%(n)d reports changed.") % {"n": num_parent_objects}
        if self.failed:
            message += " " + _("Not possible from their state: %(refs)s") % {
                "refs": listing(self.failed)
            }
        return message


class AcceptBulkAction(ReportBulkAction):
    display_name = aria_label = ACTIONS["accept"].label
    action_type, rule_name, action_priority = "accept_reports", "accept", 10

    def apply(self, report, data):
        accept(report, by=self.request.user)


class StartWorkBulkAction(ReportBulkAction):
    display_name = aria_label = ACTIONS["start"].label
    action_type, rule_name, action_priority = "start_reports", "start", 20

    def apply(self, report, data):
        start_work(report, by=self.request.user)


class TriageForm(HandlingForm):
    level = forms.ChoiceField(label=gettext_lazy("Triage"), choices=Triage.choices)


class TriageBulkAction(ReportBulkAction):
    display_name = aria_label = ACTIONS["triage"].label
    action_type, rule_name, action_priority = "triage_reports", "triage", 30
    form_class = TriageForm

    def apply(self, report, data):
        set_triage(report, data["level"], by=self.request.user)


class CloseBulkAction(ReportBulkAction):
    display_name = aria_label = ACTIONS["close"].label
    action_type, rule_name, action_priority = "close_reports", "close", 40

    def apply(self, report, data):
        close(report, by=self.request.user)


class MergeBulkForm(HandlingForm):
    original = forms.CharField(
        label=gettext_lazy("Reference of the report to merge into"),
        max_length=12,
        help_text=gettext_lazy(
            "An open report of your communities; the ticked reports then follow "
            "its state and their residents are told."
        ),
    )
    reason = forms.CharField(
        label=gettext_lazy("Comment"), required=False, max_length=500
    )


class MergeBulkAction(ReportBulkAction):
    """合并: the ticked duplicates merged into one surviving report."""

    display_name = aria_label = ACTIONS["merge"].label
    action_type, rule_name, action_priority = "merge_reports", "merge", 50
    form_class = MergeBulkForm

    def apply(self, report, data):
        merge_by_reference(report, data["original"], by=self.request.user)


class DeleteReportsBulkAction(DeleteBulkAction):
    """Wagtail's "Delete" for reports: only for users the policy lets delete
    (administrators), and only reports of their communities."""

    models = [Report]
    permission = "delete"

    def dispatch(self, request, *args, **kwargs):
        if not policy.user_has_permission(request.user, self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def check_perm(self, obj):
        return policy.user_has_permission_for_instance(
            self.request.user, self.permission, obj
        )


BULK_ACTIONS = (
    AcceptBulkAction,
    StartWorkBulkAction,
    TriageBulkAction,
    CloseBulkAction,
    MergeBulkAction,
    DeleteReportsBulkAction,
)


def offered(user) -> list[type]:
    """The bulk actions registered for reports that `user` may take, in order: an
    action that names no permission of the report policy is offered to nobody."""
    actions = bulk_action_registry.get_bulk_actions_for_model(
        Report._meta.app_label, Report._meta.model_name
    )
    return sorted(
        (
            action
            for action in actions
            if getattr(action, "permission", None)
            and policy.user_has_permission(user, action.permission)
        ),
        key=lambda action: action.action_priority,
    )
