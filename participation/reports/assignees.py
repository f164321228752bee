"""Whom a report can be given to (派单到人), and the one call that says it happened.

A report goes to a person on its community's roster (`notices.Staff`) whose entry is
linked to an active sign-in account that may open this report: work given to them
reaches them there. Roster entries without an account, people of another community
and accounts outside the report's community are never offered, and the rule refuses
them whatever is posted (`staff_actions.assign`).

`report_assigned` is the one place that says a report was given to someone; the
notification work (issue 24) listens to `report_was_assigned`.
"""

from django.db import transaction
from django.db.models import QuerySet
from django.dispatch import Signal
from wagtail.models import Locale

from notices.models import Staff
from participation.reports.models import Report
from participation.reports.permissions import policy

# Sent once the assignment is committed, with report=, user= (the person given
# the report) and by= (who gave it; None: the system).
report_was_assigned = Signal()


def assignable_staff(report: Report) -> list[Staff]:
    """The people the report can be given to: its community's roster entries (in
    the default language) linked to an active account that may view the report."""
    if report.community is None:
        return []
    roster: QuerySet = (
        Staff.objects.filter(
            community_links__page__translation_key=report.community.translation_key,
            locale=Locale.get_default(),
            user__is_active=True,
        )
        .select_related("user")
        .distinct()
        .order_by("name", "pk")
    )
    return [
        member
        for member in roster
        if policy.user_has_permission_for_instance(member.user, "view", report)
    ]


def is_assignable(report: Report, staff: Staff) -> bool:
    return any(member.pk == staff.pk for member in assignable_staff(report))


def report_assigned(report: Report, user, *, by=None) -> None:
    """`user` was given `report`: told once the change is committed (nothing is
    said about an assignment that was rolled back)."""
    transaction.on_commit(
        lambda: report_was_assigned.send(sender=Report, report=report, user=user, by=by)
    )
