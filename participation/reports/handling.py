"""The 721 method (七分服务、两分管理、一分执法) measured, not typed.

Every staff action on a report records how the problem was handled: service
(服务: help, explain, persuade, fix), management (管理: order, supervise, agree a
deadline) or enforcement (执法: a formal case). The action's log entries carry the
mode, and the report keeps the mode of its latest action (`record_mode`).

The split counts reports by their mode: each report once, in the month it was
received, so a month's figure settles as its reports are handled. Aggregates only.
"""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Count, Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from participation.reports.models import HandlingMode, Report
from portal.cache import content_changed

# What each mode means, for the staff choosing one and the public reading the split.
MODE_HELP = {
    HandlingMode.SERVICE: _(
        "Helping, explaining, persuading or fixing it together with the people "
        "concerned."
    ),
    HandlingMode.MANAGEMENT: _(
        "An order to put it right, supervision, or a deadline agreed and checked."
    ),
    HandlingMode.ENFORCEMENT: _("A formal case under the law: a penalty or seizure."),
}


def mode_choices() -> list[tuple[str, str]]:
    """The modes with what each means, for the staff's radio buttons."""
    return [
        (mode.value, f"{mode.label}: {MODE_HELP[mode]}")
        for mode in HandlingMode  # in the method's order: 7, 2, 1
    ]


def last_event_id(report: Report) -> int:
    """The newest log entry of the report before an action (0 when none)."""
    return report.events.aggregate(last=Max("pk"))["last"] or 0


def record_mode(report: Report, mode: str, *, after: int) -> None:
    """Stamp `mode` on the log entries an action wrote (those after `after`) and on
    the report. Called in the action's transaction."""
    mode = HandlingMode(mode)
    report.events.filter(pk__gt=after).update(handling_mode=mode)
    if (
        Report.objects.filter(pk=report.pk)
        .exclude(handling_mode=mode)
        .update(handling_mode=mode)
    ):
        # The split the home page and the statistics show may have changed.
        content_changed()
    report.handling_mode = mode


@dataclass
class Split:
    """Reports by handling mode: counts and whole percentages that add up to 100."""

    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def rows(self) -> list[tuple[str, str, int, int | None]]:
        """(mode, label, count, percent) in the method's order."""
        shares = percentages([self.counts.get(m, 0) for m in HandlingMode.values])
        return [
            (mode.value, str(mode.label), self.counts.get(mode, 0), share)
            for mode, share in zip(HandlingMode, shares, strict=True)
        ]


def percentages(counts: list[int]) -> list[int | None]:
    """Whole percentages that add up to 100 (largest remainders get the rest);
    None each when there is nothing to share."""
    total = sum(counts)
    if not total:
        return [None] * len(counts)
    exact = [100 * n / total for n in counts]
    shares = [int(x) for x in exact]
    by_remainder = sorted(
        range(len(counts)),
        key=lambda i: (exact[i] - shares[i], counts[i]),
        reverse=True,
    )
    for i in by_remainder[: 100 - sum(shares)]:
        shares[i] += 1
    return shares


def handled(reports: QuerySet) -> QuerySet:
    return reports.exclude(handling_mode="")


def split(reports: QuerySet) -> Split:
    counts = handled(reports).values_list("handling_mode").annotate(n=Count("pk"))
    return Split(dict(counts.order_by()))


def split_by_month(reports: QuerySet, starts: list[date]) -> list[tuple[date, Split]]:
    """One split per month of `starts` (the months' first days, local time), by the
    month each report was received."""
    zone = timezone.get_current_timezone()
    since = datetime.combine(starts[0], time(), zone)
    months: dict[date, dict[str, int]] = {start: {} for start in starts}
    for created, mode in (
        handled(reports)
        .filter(created_at__gte=since)
        .values_list("created_at", "handling_mode")
    ):
        month = created.astimezone(zone).date().replace(day=1)
        if month in months:
            months[month][mode] = months[month].get(mode, 0) + 1
    return [(start, Split(months[start])) for start in starts]


def split_by_community(reports: QuerySet) -> dict[int, Split]:
    """One split per community (by the community page's id)."""
    found: dict[int, dict[str, int]] = {}
    rows = (
        handled(reports)
        .exclude(community=None)
        .values_list("community_id", "handling_mode")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for community_id, mode, n in rows:
        found.setdefault(community_id, {})[mode] = n
    return {pk: Split(counts) for pk, counts in found.items()}
