"""A report's state machine, in one place: which state may follow which
(`TRANSITIONS`), which staff action may be taken in which state, by whom and what it
records (`ACTIONS`), and the one check every screen, bulk action and rule calls
(`permit`). The screens offer only what `available` returns; a forged request for
anything else is refused by `permit` inside the rule, on the report's locked row.

Who: the report permission policy (`permissions.policy`) must give the user the
action's permission ("act", or "publish" for publication) on this report, which
lies in the user's communities (`communities_for`: area-scoped roles such as report
moderators act only in their areas). `by=None` is the system (demo data, scheduled
jobs): state rules only.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from participation.reports.models import (
    OPEN_STATES,
    EventKind,
    Report,
    ReportState,
)
from participation.reports.permissions import policy
from participation.submissions import SubmissionError

S = ReportState


class ReportError(SubmissionError):
    """A change that is not allowed, with a message for the person who tried it."""


# Which state may follow which, for staff. Residents only reopen (resolved/closed →
# in progress) and rating closes a resolved report (resident_actions).
TRANSITIONS: dict[str, frozenset[str]] = {
    S.SUBMITTED: frozenset(
        {S.ACCEPTED, S.DISPATCHED, S.REJECTED, S.DUPLICATE, S.REFERRED}
    ),
    S.ACCEPTED: frozenset(
        {
            S.DISPATCHED,
            S.IN_PROGRESS,
            S.RESOLVED,
            S.REJECTED,
            S.DUPLICATE,
            S.REFERRED,
            S.CLOSED,
        }
    ),
    S.DISPATCHED: frozenset(
        {S.ACCEPTED, S.IN_PROGRESS, S.RESOLVED, S.DUPLICATE, S.REFERRED, S.CLOSED}
    ),
    S.IN_PROGRESS: frozenset({S.DISPATCHED, S.RESOLVED, S.REFERRED, S.CLOSED}),
    S.RESOLVED: frozenset({S.CLOSED, S.IN_PROGRESS}),
    S.CLOSED: frozenset({S.IN_PROGRESS}),
    S.REJECTED: frozenset({S.ACCEPTED}),
    S.DUPLICATE: frozenset({S.ACCEPTED}),
    S.REFERRED: frozenset({S.ACCEPTED}),
}
# Changes the resident must be told a reason for (the reason is shown to them).
REASON_REQUIRED = frozenset({S.REJECTED, S.REFERRED, S.DUPLICATE})
TERMINAL_STATES = frozenset({S.CLOSED, S.REJECTED, S.DUPLICATE, S.REFERRED})
ALL_STATES = frozenset(S.values)
OPEN = frozenset(OPEN_STATES)

CHANGE = "act"
PUBLISH = "publish"
# "Change state" leads to a state the user picks among `targets(report)`.
CHOSEN = "chosen"


def sources_of(to: str) -> frozenset[str]:
    """The states from which a report may move to `to`."""
    return frozenset(state for state, nexts in TRANSITIONS.items() if to in nexts)


@dataclass(frozen=True)
class StaffAction:
    """One thing staff may do to a report."""

    name: str
    label: Promise
    records: str  # the EventKind written to the log
    to: str = ""  # the state it leads to; "" leaves the state as it is
    sources: frozenset[str] = field(default=frozenset())
    permission: str = CHANGE  # the policy's action: "act" or "publish"

    def allowed_from(self, report: Report) -> bool:
        if report.merged_into_id and self.name not in FOLLOWER_ACTIONS:
            return False  # its state follows the report it was merged into
        if self.name == "state":
            return bool(targets(report))
        if self.name == "publish":
            return report.allow_publication
        if self.name == "unpublish":
            return report.is_published
        return report.state in self.sources


def action(name, label, records, to="", sources=None, permission=CHANGE):
    if sources is None:
        sources = sources_of(to)
    return StaffAction(name, label, records, to, frozenset(sources), permission)


ACTIONS: dict[str, StaffAction] = {
    a.name: a
    for a in (
        action("accept", _("Accept"), EventKind.STATE, S.ACCEPTED),
        action("triage", _("Triage"), EventKind.TRIAGE, sources=OPEN),
        # Dispatch (派单): a waiting report becomes "dispatched".
        action("assign", _("Dispatch"), EventKind.ASSIGNED, sources=OPEN),
        action(
            "start",
            _("Start work"),
            EventKind.STATE,
            S.IN_PROGRESS,
            {S.ACCEPTED, S.DISPATCHED},
        ),
        action(
            "reply",
            _("Public reply"),
            EventKind.REPLY,
            sources=OPEN | {S.RESOLVED},
        ),
        action("note", _("Internal note"), EventKind.NOTE, sources=ALL_STATES),
        action("resolve", _("Mark as resolved"), EventKind.STATE, S.RESOLVED),
        action("state", _("Change state"), EventKind.STATE, CHOSEN, ALL_STATES),
        action("duplicate", _("Mark as duplicate"), EventKind.STATE, S.DUPLICATE),
        # Merge (合并): the report follows another open one on the same matter from
        # then on; its resident and supporters hear of that one (`merging`).
        action(
            "merge",
            _("Merge into another report"),
            EventKind.MERGED,
            sources=OPEN,
        ),
        action("refer", _("Refer to another department"), EventKind.STATE, S.REFERRED),
        action(
            "escalate",
            _("Escalate: call in departments"),
            EventKind.TRIAGE,
            sources=OPEN,
        ),
        action("close", pgettext_lazy("report", "Close"), EventKind.STATE, S.CLOSED),
        action(
            "publish",
            _("Publish (redacted)"),
            EventKind.PUBLISHED,
            sources=ALL_STATES,
            permission=PUBLISH,
        ),
        action(
            "unpublish",
            _("Withdraw from publication"),
            EventKind.UNPUBLISHED,
            sources=ALL_STATES,
            permission=PUBLISH,
        ),
    )
}
# What staff may still do on a report merged into another: its state and handling
# follow the survivor.
FOLLOWER_ACTIONS = frozenset({"note", "publish", "unpublish"})
# States "Change state" does not lead to: each has its own action and form.
OWN_ACTION_STATES = frozenset({S.DUPLICATE, S.REFERRED})


def targets(report: Report) -> list[tuple[str, str]]:
    """The states "Change state" may lead to from the report's state now."""
    allowed = TRANSITIONS.get(report.state, frozenset()) - OWN_ACTION_STATES
    return [(value, label) for value, label in S.choices if value in allowed]


def may(user, permission: str) -> bool:
    return policy.user_has_permission(user, permission)


def permit(report: Report, name: str, by, *, to: str = "") -> StaffAction:
    """The one check: may `by` take action `name` on `report` as it is now?

    Raises PermissionDenied when the user may not act on this report at all (the
    screens answer 403) and ReportError when the action is not possible from the
    report's state (400, with the message). Nothing is changed either way."""
    staff_action = ACTIONS.get(name)
    if staff_action is None:
        raise ReportError("action", _("There is no such action."))
    if by is not None and not policy.user_has_permission_for_instance(
        by, staff_action.permission, report
    ):
        raise PermissionDenied
    if not staff_action.allowed_from(report):
        raise ReportError(
            "transition",
            _("“%(action)s” is not possible on a report that is “%(state)s”.")
            % {"action": staff_action.label, "state": S(report.state).label},
        )
    if staff_action.to == CHOSEN and to not in dict(targets(report)):
        raise ReportError(
            "transition",
            _("A report that is “%(from)s” cannot become “%(to)s”.")
            % {"from": S(report.state).label, "to": state_label(to)},
            "state",
        )
    return staff_action


def state_label(value: str) -> str:
    """A state's words, or the raw value if it is none of ours (forged input)."""
    return str(S(value).label) if value in ALL_STATES else value


def available(report: Report, user) -> list[str]:
    """The actions `user` may take on `report` now, in the table's order: what the
    report's page offers. The caller has already read the report through
    `reports_for(user)`, so only permissions and state are checked here."""
    return [
        name
        for name, staff_action in ACTIONS.items()
        if may(user, staff_action.permission) and staff_action.allowed_from(report)
    ]
