"""The monthly station ranking (participation/rankings/computing.py) equals an
independent recomputation from the reports table, keeps each month as computed,
and ranks only stations with enough reports due."""

import random
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from participation.rankings.computing import compute_month, previous_month
from participation.rankings.models import MonthlyRanking
from participation.reports.models import Report
from tests.notices.station_builders import community
from tests.participation.report_builders import make_report

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")


def month_ago(months: int) -> date:
    month = timezone.localdate()
    for _i in range(months):
        month = (month.replace(day=1) - timedelta(days=1)).replace(day=1)
    return month.replace(day=1)


def stations(world, count=5):
    """The world's two stations and `count` more, with households."""
    more = [
        community(world.subdistrict, f"排名社区{n}", f"rank-{n}") for n in range(count)
    ]
    pages = [world.a, world.b, *more]
    for n, page in enumerate(pages):
        page.households_served = 800 + 450 * n
        page.save_revision().publish()
    return pages


def scatter(pages, month: date, seed: int = 7) -> None:
    """Reports around the month with every kind of outcome, their times set
    directly (some exactly on the month's edges, local time)."""
    rng = random.Random(seed)
    start = datetime(month.year, month.month, 1, tzinfo=SHANGHAI)
    for n in range(90):
        page = rng.choice(pages)
        created = start + timedelta(hours=rng.randint(-24 * 12, 24 * 40))
        report = make_report(page, rng.choice(["EH-01", "SR-01"])).report
        response_due = created + timedelta(hours=rng.choice([4, 24, 72]))
        completion_due = response_due + timedelta(hours=rng.choice([24, 120, 240]))
        if n % 17 == 0:
            response_due = start  # exactly the month's first moment
        if n % 19 == 0:
            completion_due = start  # the previous month's end: not counted
        answered = rng.choice([None, response_due, response_due + timedelta(hours=3)])
        if answered is not None:
            answered = answered - timedelta(hours=rng.randint(0, 3))
        resolved = rng.choice(
            [None, completion_due - timedelta(hours=5), completion_due + timedelta(1)]
        )
        rating = rng.choice([None, 1, 2, 3, 4, 5]) if resolved else None
        Report.objects.filter(pk=report.pk).update(
            kind=rng.choice(["problem"] * 5 + ["suggestion"]),
            state=rng.choice(
                ["resolved", "closed", "in_progress", "rejected", "duplicate"]
            ),
            created_at=created,
            response_due=response_due,
            first_response_at=answered,
            completion_due=completion_due,
            resolved_at=resolved,
            rating=rating,
            rated_at=resolved + timedelta(hours=rng.randint(1, 400))
            if rating
            else None,
        )


def one_decimal(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def recompute(pages, month: date) -> dict[int, tuple]:
    """The method as the public page states it, from every report row in Python."""
    start = datetime(month.year, month.month, 1, tzinfo=SHANGHAI)
    following = datetime(
        month.year + month.month // 12, month.month % 12 + 1, 1, tzinfo=SHANGHAI
    )

    def inside(moment):
        return moment is not None and start <= moment < following

    found = {}
    for page in pages:
        rows = [r for r in Report.objects.filter(community=page) if r.kind == "problem"]
        due_reply = [r for r in rows if inside(r.response_due)]
        replied = [
            r
            for r in due_reply
            if r.first_response_at and r.first_response_at <= r.response_due
        ]
        due_done = [
            r
            for r in rows
            if inside(r.completion_due)
            and r.state not in ("rejected", "duplicate", "referred")
        ]
        done = [
            r for r in due_done if r.resolved_at and r.resolved_at <= r.completion_due
        ]
        rated = [r.rating for r in rows if inside(r.rated_at) and r.rating]
        rates = []
        if due_reply:
            rates.append((3, one_decimal(Decimal(100 * len(replied)) / len(due_reply))))
        if due_done:
            rates.append((4, one_decimal(Decimal(100 * len(done)) / len(due_done))))
        if rated:
            rates.append((3, one_decimal(Decimal(100 * sum(rated)) / (5 * len(rated)))))
        score = None
        if len(due_reply) + len(due_done) >= 3 and rates:
            score = one_decimal(
                sum(w * v for w, v in rates) / sum(w for w, _v in rates)
            )
        received = len([r for r in rows if inside(r.created_at)])
        found[page.pk] = (
            received,
            len(due_reply),
            len(replied),
            len(due_done),
            len(done),
            len(rated),
            sum(rated),
            score,
        )
    scores = sorted((v[-1] for v in found.values() if v[-1] is not None), reverse=True)
    return {
        pk: (*values, None if values[-1] is None else scores.index(values[-1]) + 1)
        for pk, values in found.items()
    }


def stored(ranking) -> dict[int, tuple]:
    return {
        row.community_id: (
            row.received,
            row.response_counted,
            row.responded_on_time,
            row.completion_counted,
            row.completed_on_time,
            row.ratings,
            row.rating_sum,
            row.score,
            row.rank,
        )
        for row in ranking.rows.all()
    }


@pytest.mark.parametrize("seed", [7, 11, 29])
def test_the_ranking_equals_a_recomputation_from_the_reports(world, seed):
    pages = stations(world)
    month = month_ago(2)
    scatter(pages, month, seed)
    ranking = compute_month(month)
    expected = recompute(pages, month)
    assert stored(ranking) == expected
    ranked = [v for v in expected.values() if v[-1] is not None]
    assert len(ranked) >= 3  # the sample ranks several stations


def test_a_kept_month_stays_as_computed_until_computed_again(world):
    pages = stations(world, count=1)
    month = month_ago(1)
    scatter(pages, month)
    first = stored(compute_month(month))
    Report.objects.update(first_response_at=None)
    assert stored(compute_month(month)) == first
    again = stored(compute_month(month, again=True))
    assert all(values[2] == 0 for values in again.values())
    assert MonthlyRanking.objects.filter(month=month).count() == 1


def test_the_command_ranks_the_last_full_month_and_refuses_a_month_not_over(world):
    call_command("rank_communities")
    assert MonthlyRanking.objects.get().month == previous_month(timezone.localdate())
    with pytest.raises(CommandError):
        call_command("rank_communities", month=f"{timezone.localdate():%Y-%m}")
    with pytest.raises(CommandError):
        call_command("rank_communities", month="2026-13")
