"""The audit log's verbs for volunteers and roundtables, in words (Wagtail's
`register_log_actions` hook; `portal.audit.in_words` reads them): a label for each
verb and, for a change of state, its two states in the reader's language instead of
the codes stored ("pending → approved")."""

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import LogFormatter

from participation.roundtables.models import MeetingState, ProposalStatus
from participation.volunteers.models import SignUpStatus


class ChangeFormatter(LogFormatter):
    """A change from one of `choices` to another, in words."""

    choices: type[models.TextChoices] | None = None

    def format_message(self, log_entry):
        data = getattr(log_entry, "data", None) or {}
        if not data.get("to") or self.choices is None:
            return ""
        words = dict(self.choices.choices)
        return _("From “%(from)s” to “%(to)s”") % {
            "from": words.get(data.get("from", ""), data.get("from", "")),
            "to": words.get(data["to"], data["to"]),
        }


VERBS = {
    "volunteer.approve": (gettext_lazy("Volunteer approved"), SignUpStatus),
    "volunteer.decline": (gettext_lazy("Volunteer declined"), SignUpStatus),
    "roundtable.state": (gettext_lazy("Roundtable state changed"), MeetingState),
    "roundtable.minutes": (gettext_lazy("Roundtable minutes published"), MeetingState),
    "agenda.accepted": (gettext_lazy("Agenda proposal accepted"), ProposalStatus),
    "agenda.declined": (gettext_lazy("Agenda proposal declined"), ProposalStatus),
    "agenda.merged": (gettext_lazy("Agenda proposal merged"), ProposalStatus),
    "agenda.deferred": (gettext_lazy("Agenda proposal deferred"), ProposalStatus),
}


def register_log_actions(actions) -> None:
    for verb, (verb_label, choices) in VERBS.items():
        formatter = type(
            "ChangeFormatter",
            (ChangeFormatter,),
            {"label": verb_label, "choices": choices},
        )
        actions.register_action(verb)(formatter)
