"""Public statistics of reports for the city, a district, a subdistrict or a
community: counts by category, state and month, median hours to first response and to
resolution, the shares answered and resolved on time, how many open reports are late
to be answered and to be completed, the average rating, and the 721 method's split
by handling mode (participation/reports/handling.py). Aggregates only: no report's
own data leaves here."""

import statistics as pystats
from collections import Counter
from datetime import date, datetime, time, timedelta

from django.db.models import Avg, Count, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale, Page

from participation.reports.categories import item_titles
from participation.reports.handling import Split, split, split_by_community
from participation.reports.handling import split_by_month as handling_by_month
from participation.reports.models import Report, ReportState
from portal.extensions import MethodSplit


def area_reports(area: Page | None) -> QuerySet:
    """Reports of a district, subdistrict or community (any language), or all."""
    reports = Report.objects.all()
    if area is None:
        return reports
    source = Page.objects.filter(
        translation_key=area.translation_key, locale=Locale.get_default()
    ).first()
    if source is None:
        return reports.none()
    return reports.filter(community__path__startswith=source.path)


def month_starts(now: datetime, months: int) -> list[date]:
    local = timezone.localdate(now).replace(day=1)
    starts = [local]
    for _i in range(months - 1):
        previous = starts[-1] - timedelta(days=1)
        starts.append(previous.replace(day=1))
    return list(reversed(starts))


def median_hours(durations: list[timedelta]) -> float | None:
    if not durations:
        return None
    return round(pystats.median(d.total_seconds() for d in durations) / 3600, 1)


def report_statistics(
    reports: QuerySet, months: int = 12, now: datetime | None = None
) -> dict:
    """Counts and times of the last `months` months (local calendar months): by
    category, by state and by month; median hours to first response and to
    resolution; share resolved on time; average rating. Aggregates only."""
    now = now or timezone.now()
    starts = month_starts(now, months)
    since = datetime.combine(starts[0], time(), timezone.get_current_timezone())
    recent = reports.filter(created_at__gte=since)
    by_state = dict(recent.values_list("state").annotate(n=Count("pk")).order_by())
    categories = Counter()
    titles = {}
    for code, title, n in (
        recent.values_list("category_code", "category_title")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        categories[code] += n
        titles.setdefault(code, title)
    rows = list(
        recent.values_list(
            "created_at",
            "first_response_at",
            "resolved_at",
            "completion_due",
            "response_due",
        )
    )
    received = Counter()
    resolved = Counter()
    response_times, resolution_times = [], []
    on_time = due = 0
    replied_on_time = reply_due = 0
    zone = timezone.get_current_timezone()
    for created, responded, done, completion_due, response_due in rows:
        received[created.astimezone(zone).date().replace(day=1)] += 1
        # A reply counts once it is given, or once its deadline has passed without.
        if response_due and (responded or response_due < now):
            reply_due += 1
            replied_on_time += bool(responded and responded <= response_due)
        if responded:
            response_times.append(responded - created)
        if done:
            resolution_times.append(done - created)
            resolved[done.astimezone(zone).date().replace(day=1)] += 1
            if completion_due:
                due += 1
                on_time += done <= completion_due
    rating = recent.filter(rating__isnull=False).aggregate(
        avg=Avg("rating"), n=Count("pk")
    )
    language = translation.get_language()
    found = item_titles(categories, language)
    return {
        "total": len(rows),
        "since": starts[0],
        "by_state": [
            (key, str(label), by_state.get(key, 0))
            for key, label in ReportState.choices
        ],
        "by_category": [
            (code, found.get(code) or titles[code] or code, n)
            for code, n in categories.most_common()
        ],
        "by_month": [
            (start, received.get(start, 0), resolved.get(start, 0)) for start in starts
        ],
        "median_response_hours": median_hours(response_times),
        "median_resolution_hours": median_hours(resolution_times),
        "on_time_rate": round(100 * on_time / due) if due else None,
        "on_time_counted": due,
        "replied_on_time_rate": (
            round(100 * replied_on_time / reply_due) if reply_due else None
        ),
        "replied_on_time_counted": reply_due,
        "late_to_reply": recent.response_overdue(now).count(),
        "late_to_complete": recent.completion_overdue(now).count(),
        "average_rating": round(rating["avg"], 1)
        if rating["avg"] is not None
        else None,
        "ratings": rating["n"],
        "handling": split(recent).rows(),
        "handling_by_month": [
            (start, found.rows()) for start, found in handling_by_month(recent, starts)
        ],
        **escalation_statistics(recent),
    }


def handling_by_area(
    reports: QuerySet, areas: list[Page]
) -> list[tuple[Page, list[tuple[str, str, int, int | None]]]]:
    """The 721 split of each of `areas` (districts, subdistricts or communities, in
    any language) from two queries: each report counts in the area whose path (in
    the default language, where reports' communities are) its community's lies
    under."""
    per_community = split_by_community(reports)
    paths = dict(Page.objects.filter(pk__in=per_community).values_list("pk", "path"))
    sources = dict(
        Page.objects.filter(
            translation_key__in=[area.translation_key for area in areas],
            locale=Locale.get_default(),
        ).values_list("translation_key", "path")
    )
    found = []
    for area in areas:
        prefix = sources.get(area.translation_key)
        counts: dict[str, int] = {}
        for pk, part in per_community.items():
            if prefix and paths.get(pk, "").startswith(prefix):
                for mode, n in part.counts.items():
                    counts[mode] = counts.get(mode, 0) + n
        found.append((area, Split(counts).rows()))
    return found


def method_split(months: int, now: datetime | None = None) -> MethodSplit:
    """The city's 721 split of the reports received in the last `months` calendar
    months up to today, for the home page."""
    now = now or timezone.now()
    starts = month_starts(now, months)
    since = datetime.combine(starts[0], time(), timezone.get_current_timezone())
    found = split(Report.objects.filter(created_at__gte=since))
    return MethodSplit(
        rows=[(label, percent, n) for _mode, label, n, percent in found.rows()],
        total=found.total,
        first_day=starts[0],
        last_day=timezone.localdate(now),
        url=reverse("participation:report_statistics"),
    )


def escalation_statistics(reports: QuerySet) -> dict:
    """吹哨报到: how many calls went to departments, and per department how many and
    its median hours to acknowledge (departments are public bodies; no contact)."""
    from participation.departments.models import Escalation

    calls = list(
        Escalation.objects.filter(report__in=reports).select_related("department")
    )
    per_department: dict[str, list] = {}
    for call in calls:
        times = per_department.setdefault(call.department.display_name, [])
        if call.acknowledged_at:
            times.append(call.acknowledged_at - call.created_at)
    counts = Counter(call.department.display_name for call in calls)
    return {
        "escalations": len(calls),
        "by_department": [
            (name, n, median_hours(per_department[name]))
            for name, n in counts.most_common()
        ],
    }
