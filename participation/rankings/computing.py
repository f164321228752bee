"""How a month's ranking is computed from the reports (the public page explains the
same, from these constants).

For each live community station (default language) and calendar month (local time),
over residents' problem reports (suggestions are not ranked):

- answered on time: of the reports whose reply was due in the month, the share
  first answered by then;
- completed on time: of the reports whose completion was due in the month (not those
  rejected, merged as duplicates or referred to another department), the share
  resolved by then;
- satisfaction: the ratings residents gave in the month, as a share of five stars;
- reports per 1,000 households: the reports received in the month, for the
  households the station serves. Shown, not scored: more reports can mean residents
  who trust the station, not a worse street.

The score is the weighted mean of the three rates a station has (WEIGHTS, the
weights of those it lacks shared out among the others). A station is ranked when at
least MIN_COUNTED reports were due in the month (replies and completions together);
stations with the same score share a rank. The top LIST_SIZE are the red list (红榜)
and the bottom LIST_SIZE the black list (黑榜), once at least 2 × LIST_SIZE are
ranked.

Every month is computed once it is over and kept as it was; a month can be computed
again on purpose (`manage.py rank_communities --month 2026-11 --again`).
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from notices.models import CommunityPage
from participation.rankings.models import MonthlyRanking, RankingRow, rate, tenth
from participation.reports.models import Report, ReportKind, ReportState

WEIGHTS = {"response": 3, "completion": 4, "satisfaction": 3}
MIN_COUNTED = 3
LIST_SIZE = 3
# Reports that leave the station's hands: no completion is due from it.
NOT_COMPLETED_HERE = (ReportState.REJECTED, ReportState.DUPLICATE, ReportState.REFERRED)


def month_bounds(month: date) -> tuple[datetime, datetime]:
    """The month's first moment and the next month's, local time."""
    zone = timezone.get_current_timezone()
    first = month.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return (
        datetime.combine(first, time(), zone),
        datetime.combine(following, time(), zone),
    )


def previous_month(today: date) -> date:
    return (today.replace(day=1) - timedelta(days=1)).replace(day=1)


def score(rates: dict[str, Decimal | None]) -> Decimal | None:
    """The weighted mean of the rates there are, one decimal."""
    present = {name: value for name, value in rates.items() if value is not None}
    if not present:
        return None
    weight = sum(WEIGHTS[name] for name in present)
    total = sum(WEIGHTS[name] * value for name, value in present.items())
    return tenth(total / weight)


@dataclass
class Counts:
    received: int = 0
    response_counted: int = 0
    responded_on_time: int = 0
    completion_counted: int = 0
    completed_on_time: int = 0
    ratings: int = 0
    rating_sum: int = 0


def count_month(start: datetime, end: datetime) -> dict[int, Counts]:
    """Per community id, what the month's problem reports add up to (three queries,
    each reading only the reports of the month)."""
    found: dict[int, Counts] = {}
    problems = Report.objects.filter(kind=ReportKind.PROBLEM).exclude(community=None)

    def of(community_id: int) -> Counts:
        return found.setdefault(community_id, Counts())

    for community_id in problems.filter(
        created_at__gte=start, created_at__lt=end
    ).values_list("community_id", flat=True):
        of(community_id).received += 1
    for community_id, due, answered in problems.filter(
        response_due__gte=start, response_due__lt=end
    ).values_list("community_id", "response_due", "first_response_at"):
        counts = of(community_id)
        counts.response_counted += 1
        counts.responded_on_time += bool(answered and answered <= due)
    for community_id, due, resolved in (
        problems.filter(completion_due__gte=start, completion_due__lt=end)
        .exclude(state__in=NOT_COMPLETED_HERE)
        .values_list("community_id", "completion_due", "resolved_at")
    ):
        counts = of(community_id)
        counts.completion_counted += 1
        counts.completed_on_time += bool(resolved and resolved <= due)
    for community_id, rating in problems.filter(
        rated_at__gte=start, rated_at__lt=end, rating__isnull=False
    ).values_list("community_id", "rating"):
        counts = of(community_id)
        counts.ratings += 1
        counts.rating_sum += rating
    return found


def row_score(counts: Counts) -> Decimal | None:
    if counts.response_counted + counts.completion_counted < MIN_COUNTED:
        return None
    return score(
        {
            "response": rate(counts.responded_on_time, counts.response_counted),
            "completion": rate(counts.completed_on_time, counts.completion_counted),
            "satisfaction": rate(counts.rating_sum, 5 * counts.ratings),
        }
    )


def ranks(scores: list[Decimal | None]) -> list[int | None]:
    """Competition ranks (1, 2, 2, 4) of the scores, None for no score."""
    ordered = sorted((s for s in scores if s is not None), reverse=True)
    first_place = {}
    for place, value in enumerate(ordered, start=1):
        first_place.setdefault(value, place)
    return [None if s is None else first_place[s] for s in scores]


@transaction.atomic
def compute_month(month: date, *, again: bool = False) -> MonthlyRanking:
    """The month's ranking: computed and stored once, returned as stored after
    that (unless `again`)."""
    month = month.replace(day=1)
    existing = MonthlyRanking.objects.filter(month=month).first()
    if existing is not None and not again:
        return existing
    start, end = month_bounds(month)
    counted = count_month(start, end)
    communities = list(
        CommunityPage.objects.live()
        .filter(locale=Locale.get_default())
        .order_by("path")
        .only("pk", "title", "households_served")
    )
    rows = []
    for community in communities:
        counts = counted.get(community.pk, Counts())
        rows.append(
            RankingRow(
                community=community,
                community_title=community.title,
                households=community.households_served,
                score=row_score(counts),
                **vars(counts),
            )
        )
    for row, place in zip(rows, ranks([row.score for row in rows]), strict=True):
        row.rank = place
    ranking, _created = MonthlyRanking.objects.update_or_create(
        month=month, defaults={"computed_at": timezone.now()}
    )
    ranking.rows.all().delete()
    for row in rows:
        row.ranking = ranking
    RankingRow.objects.bulk_create(rows)
    return ranking


def red_and_black(rows: list[RankingRow]) -> tuple[list, list]:
    """The red list (top LIST_SIZE ranked) and the black list (bottom LIST_SIZE),
    empty while fewer than twice LIST_SIZE are ranked."""
    ranked = sorted(
        (row for row in rows if row.rank is not None),
        key=lambda row: (row.rank, row.community_title),
    )
    if len(ranked) < 2 * LIST_SIZE:
        return [], []
    return ranked[:LIST_SIZE], list(reversed(ranked[-LIST_SIZE:]))
