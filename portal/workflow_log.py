"""The histories' workflow entries ("“通知与活动：审核签发”已开始…") with the workflow
and task named in the reader's language. A log entry keeps the names as they were
stored when it was written, and Wagtail's formatters print them so; these print them
through `portal.roles.display_name`. `message()` is what the site history and the
page and snippet histories show (their templates under
portal/templates/wagtailadmin/ call it through `{% log_message %}`); Wagtail's
formatters stay registered, so its action filters list each action once."""

from django.utils.translation import gettext as _
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


class Started(LogFormatter):
    def format_message(self, log_entry):
        try:
            return _("'%(workflow)s' started. Next step '%(next)s'") % _names(log_entry)
        except (KeyError, TypeError):
            return _("Workflow started")


class Approved(LogFormatter):
    def format_message(self, log_entry):
        try:
            names = _names(log_entry)
            if "next" in names:
                return _("Approved at '%(task)s'. Next step '%(next)s'") % names
            return _("Approved at '%(task)s'. '%(workflow)s' complete") % names
        except (KeyError, TypeError):
            return _("Workflow task approved")


class Rejected(LogFormatter):
    def format_message(self, log_entry):
        try:
            return _("Rejected at '%(task)s'. Changes requested") % _names(log_entry)
        except (KeyError, TypeError):
            return _("Workflow task rejected. Workflow complete")


class Resumed(LogFormatter):
    def format_message(self, log_entry):
        try:
            return _("Resubmitted '%(task)s'. Workflow resumed") % _names(log_entry)
        except (KeyError, TypeError):
            return _("Workflow task resubmitted. Workflow resumed")


class Cancelled(LogFormatter):
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


def message(log_entry) -> str:
    """What a history shows for `log_entry`: a workflow entry with its names in
    the reader's language, any other as Wagtail words it."""
    formatter = FORMATTERS.get(log_entry.action)
    if formatter is None:
        return log_entry.message
    return formatter().format_message(log_entry)
