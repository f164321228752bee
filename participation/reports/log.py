"""A report's log in words: what each entry means, in the reader's language, never
the raw codes stored (“accepted”, “medium”)."""

from django.utils.translation import gettext as _

from participation.reports.models import EventKind, ReportEvent, ReportState, Triage


def label(choices, value: str) -> str:
    """The words for a stored value; the value itself if it is none of them."""
    return str(dict(choices.choices).get(value, value))


def describe(event: ReportEvent) -> str:
    """One line saying what happened."""
    if event.kind == EventKind.STATE and event.to_state:
        words = {
            "from": label(ReportState, event.from_state),
            "to": label(ReportState, event.to_state),
        }
        if not event.from_state:
            return _("State set to “%(to)s”") % words
        return _("State changed from “%(from)s” to “%(to)s”") % words
    if event.kind == EventKind.TRIAGE and event.to_state:
        return _("Triaged as “%(level)s”") % {"level": label(Triage, event.to_state)}
    return event.get_kind_display()
