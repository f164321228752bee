"""A report's log in words: what each entry means, in the reader's language, never
the raw codes stored (“accepted”, “medium”): the report's own log (`describe`) and
its entries in the audit log (`register_log_actions`, the log actions registered
with Wagtail for the audit log's verbs "report.<kind>", read by `portal.audit`)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import LogFormatter

from participation.reports.models import EventKind, ReportEvent, ReportState, Triage


def label(choices, value: str) -> str:
    """The words for a stored value; the value itself if it is none of them."""
    return str(dict(choices.choices).get(value, value))


def state_words(before: str, after: str) -> str:
    """A change of state in words: “State changed from “已提交” to “已受理””."""
    words = {"from": label(ReportState, before), "to": label(ReportState, after)}
    if not before:
        return _("State set to “%(to)s”") % words
    return _("State changed from “%(from)s” to “%(to)s”") % words


def triage_words(level: str) -> str:
    return _("Triaged as “%(level)s”") % {"level": label(Triage, level)}


def describe(event: ReportEvent) -> str:
    """One line saying what happened."""
    if event.kind == EventKind.STATE and event.to_state:
        return state_words(event.from_state, event.to_state)
    if event.kind == EventKind.TRIAGE and event.to_state:
        return triage_words(event.to_state)
    return event.get_kind_display()


# The audit log's verbs for reports, each with its label there.
AUDIT_LABELS = {
    EventKind.CREATED: gettext_lazy("Report received"),
    EventKind.STATE: gettext_lazy("Report state changed"),
    EventKind.TRIAGE: gettext_lazy("Report triaged"),
    EventKind.ASSIGNED: gettext_lazy("Report dispatched"),
    EventKind.REPLY: gettext_lazy("Reply to a report"),
    EventKind.NOTE: gettext_lazy("Internal note on a report"),
    EventKind.INFO: gettext_lazy("Information added to a report"),
    EventKind.REOPENED: gettext_lazy("Report reopened by the resident"),
    EventKind.RATED: gettext_lazy("Report rated by the resident"),
    EventKind.CONTACT_DELETED: gettext_lazy("Report contact data deleted"),
    EventKind.PUBLISHED: gettext_lazy("Report published"),
    EventKind.UNPUBLISHED: gettext_lazy("Report withdrawn from publication"),
    EventKind.ESCALATED: gettext_lazy("Department called in on a report"),
    EventKind.DEPARTMENT_ACK: gettext_lazy("Report acknowledged by a department"),
    EventKind.DEPARTMENT_ANSWER: gettext_lazy("Report answered by a department"),
    EventKind.DEPARTMENT_DONE: gettext_lazy("Report done by a department"),
    EventKind.MERGED: gettext_lazy("Report merged with another"),
    EventKind.SUPPORTED: gettext_lazy("Report supported by another resident"),
}


class ReportLogFormatter(LogFormatter):
    """An audit entry about a report: a change of state or triage in words (its
    data's "from" and "to" codes), anything else by its label alone."""

    kind = ""

    def format_message(self, log_entry):
        data = getattr(log_entry, "data", None) or {}
        after = data.get("to", "")
        if not after:
            return ""
        if self.kind == EventKind.TRIAGE:
            return triage_words(after)
        return state_words(data.get("from", ""), after)


def register_log_actions(actions) -> None:
    """Register "report.<kind>" for every kind of report event (Wagtail's
    `register_log_actions` hook)."""
    for kind, kind_label in AUDIT_LABELS.items():
        formatter = type(
            f"Report{kind.value.title().replace('_', '')}LogFormatter",
            (ReportLogFormatter,),
            {"kind": kind.value, "label": kind_label},
        )
        actions.register_action(f"report.{kind.value}")(formatter)
