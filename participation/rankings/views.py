"""The public ranking pages: the latest month with the red and black lists, any kept
month by its address (/rankings/2026-11/), the list of every month, and how it is
computed. Aggregates only."""

import re
from datetime import date

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_http_methods

from participation.languages import localized_communities
from participation.rankings.computing import (
    LIST_SIZE,
    MIN_COUNTED,
    WEIGHTS,
    red_and_black,
)
from participation.rankings.models import MonthlyRanking, RankingRow

MONTH = re.compile(r"(\d{4})-(\d{2})")
RANKING_CACHE_SECONDS = 3600


def parse_month(value: str) -> date | None:
    found = MONTH.fullmatch(value)
    if not found:
        return None
    year, month = int(found[1]), int(found[2])
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        return None
    return date(year, month, 1)


def local_titles(rows: list[RankingRow]) -> None:
    """Each row's community named in the reader's language where it is translated
    (one query), else as it was named when computed."""
    pages = localized_communities(row.community_id for row in rows if row.community_id)
    for row in rows:
        page = pages.get(row.community_id)
        row.title = page.title if page is not None else row.community_title


def show(request: HttpRequest, ranking: MonthlyRanking | None) -> HttpResponse:
    rows = list(ranking.rows.all()) if ranking else []
    local_titles(rows)
    red, black = red_and_black(rows)
    months = list(MonthlyRanking.objects.values_list("month", flat=True))
    response = render(
        request,
        "participation/ranking.html",
        {
            "page": None,
            "ranking": ranking,
            "ranked": [row for row in rows if row.rank is not None],
            "unranked": [row for row in rows if row.rank is None],
            "red": red,
            "black": black,
            "months": months,
            "weights": WEIGHTS,
            "min_counted": MIN_COUNTED,
            "list_size": LIST_SIZE,
        },
    )
    patch_cache_control(response, public=True, max_age=RANKING_CACHE_SECONDS)
    return response


@require_http_methods(["GET", "HEAD"])
def ranking_latest(request: HttpRequest) -> HttpResponse:
    return show(request, MonthlyRanking.objects.first())


@require_http_methods(["GET", "HEAD"])
def ranking_month(request: HttpRequest, month: str) -> HttpResponse:
    start = parse_month(month)
    ranking = MonthlyRanking.objects.filter(month=start).first() if start else None
    if ranking is None:
        raise Http404
    return show(request, ranking)
