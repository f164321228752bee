"""The history's workflow entries ("'审核签发' started…") with the workflow and task
named in the reader's language. A log entry keeps the names as they were stored when
it was written; these formatters show them through `portal.roles.display_name`. They
take the place of Wagtail's own for the same actions through `register_log_actions`
(portal/wagtail_hooks.py, registered after Wagtail's)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import LogFormatter

from portal.roles import display_name


def _names(log_entry) -> dict[str, str]:
    """The entry's workflow, task and next task, each in the reader's language; a
    KeyError or TypeError when the entry does not hold them."""
    workflow = log_entry.data["workflow"]
    names = {"workflow": display_name(workflow["title"])}
    for key in ("task", "next"):
        if workflow.get(key):
            names[key] = display_name(workflow[key]["title"])
    return names


class WorkflowLogFormatter(LogFormatter):
    def format_comment(self, log_entry):
        return log_entry.data.get("comment", "")


class Started(WorkflowLogFormatter):
    label = gettext_lazy("Workflow: start")

    def format_message(self, log_entry):
        try:
            return _("'%(workflow)s' started. Next step '%(next)s'") % _names(log_entry)
        except (KeyError, TypeError):
            return _("Workflow started")


class Approved(WorkflowLogFormatter):
    label = gettext_lazy("Workflow: approve task")

    def format_message(self, log_entry):
        try:
            names = _names(log_entry)
            if "next" in names:
                return _("Approved at '%(task)s'. Next step '%(next)s'") % names
            return _("Approved at '%(task)s'. '%(workflow)s' complete") % names
        except (KeyError, TypeError):
            return _("Workflow task approved")


class Rejected(WorkflowLogFormatter):
    label = gettext_lazy("Workflow: reject task")

    def format_message(self, log_entry):
        try:
            return _("Rejected at '%(task)s'. Changes requested") % _names(log_entry)
        except (KeyError, TypeError):
            return _("Workflow task rejected. Workflow complete")


class Resumed(WorkflowLogFormatter):
    label = gettext_lazy("Workflow: resume task")

    def format_message(self, log_entry):
        try:
            return _("Resubmitted '%(task)s'. Workflow resumed") % _names(log_entry)
        except (KeyError, TypeError):
            return _("Workflow task resubmitted. Workflow resumed")


class Cancelled(WorkflowLogFormatter):
    label = gettext_lazy("Workflow: cancel")

    def format_message(self, log_entry):
        try:
            return _("Cancelled '%(workflow)s' at '%(task)s'") % _names(log_entry)
        except (KeyError, TypeError):
            return _("Workflow cancelled")


FORMATTERS = {
    "wagtail.workflow.start": Started,
    "wagtail.workflow.approve": Approved,
    "wagtail.workflow.reject": Rejected,
    "wagtail.workflow.resume": Resumed,
    "wagtail.workflow.cancel": Cancelled,
}


def register(actions) -> None:
    for action, formatter in FORMATTERS.items():
        actions.register_action(action)(formatter)
