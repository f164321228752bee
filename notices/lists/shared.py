"""What the duty list and the lenient catalogue share: the local date that decides
what is in force, item status, promised times, public filters and the download formats.

"Today" is always the date in Asia/Shanghai (settings.TIME_ZONE) at the moment of the
request: never computed at import time, never cached on an object that outlives the
request. Whatever caches these pages later (a CDN, a page cache, template fragments)
must not keep them past local midnight: `limit_cache_to_today` marks every list
response so, and a server-side cache must key on `timezone.localdate()` as well.
"""

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _

from portal.exports import spreadsheet_response

# A list page may be cached for at most this long, and never past local midnight.
LIST_CACHE_SECONDS = 300


def seconds_until_tomorrow() -> int:
    now = timezone.localtime()
    midnight = datetime.combine(
        now.date() + timedelta(days=1), time(), timezone.get_current_timezone()
    )
    return max(1, int((midnight - now).total_seconds()))


def limit_cache_to_today(response: HttpResponse) -> HttpResponse:
    """No shared cache may keep a list past local midnight, when items change status."""
    patch_cache_control(
        response, max_age=min(LIST_CACHE_SECONDS, seconds_until_tomorrow())
    )
    return response


class Status(models.TextChoices):
    """Where an item stands on a given day."""

    IN_FORCE = "in_force", _("In force")
    UPCOMING = "upcoming", _("Not yet in force")
    REPEALED = "repealed", _("Repealed")
    EXPIRED = "expired", _("Expired")


def status_on(
    day: date,
    effective_from: date | None,
    valid_until: date | None = None,
    repealed_on: date | None = None,
) -> Status:
    """An item's status on `day`; `valid_until` is the last day in force, `repealed_on`
    the first day it is not."""
    if repealed_on is not None and repealed_on <= day:
        return Status.REPEALED
    if valid_until is not None and valid_until < day:
        return Status.EXPIRED
    if effective_from is not None and effective_from > day:
        return Status.UPCOMING
    return Status.IN_FORCE


@dataclass(frozen=True)
class RowError:
    """A problem in one row of a list (rows counted from 1), for editors and imports."""

    collection: str
    row: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.collection} {self.row}, {self.field}: {self.message}"


def matches_text(query: str, values: Iterable[object]) -> bool:
    """Case-insensitive substring match of every word of `query` in any of `values`."""
    haystack = " ".join(str(value) for value in values if value).casefold()
    return all(word in haystack for word in query.casefold().split())


@dataclass(frozen=True)
class Column:
    """One column of a public list: its machine key, heading and how to read it."""

    key: str
    label: str
    value: Callable[[object], object]


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float):
        return value
    return str(value)


def rows_for(columns: Sequence[Column], items: Iterable[object]) -> list[list[object]]:
    return [[_cell(column.value(item)) for column in columns] for item in items]


def download_response(
    fmt: str,
    filename: str,
    columns: Sequence[Column],
    items: Sequence[object],
    meta: dict,
) -> HttpResponse:
    """The given items as CSV, XLSX or JSON, the same columns in each format."""
    headers = [str(column.label) for column in columns]
    rows = rows_for(columns, items)
    if fmt in ("csv", "xlsx"):
        return limit_cache_to_today(spreadsheet_response(fmt, filename, headers, rows))
    payload = {
        **meta,
        "fields": {column.key: str(column.label) for column in columns},
        "items": [
            dict(zip((column.key for column in columns), row, strict=True))
            for row in rows
        ],
    }
    response = HttpResponse(
        json.dumps(payload, ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return limit_cache_to_today(response)


DOWNLOAD_FORMATS = ("xlsx", "csv", "json")


def stationed_staff(community) -> list[dict] | None:
    """Who is stationed at a community, as the station directory publishes them
    (`CommunityPage.staff_on_duty`); None where the directory has no staff."""
    finder = getattr(community, "staff_on_duty", None)
    return None if finder is None else list(finder())


def resident_requests(community) -> list:
    """What residents asked for at a community (Nanning's 居民需求清单).

    Participation registers its accepted suggestions, each with a `title` and an
    optional `duty_code` (`extensions.RESIDENT_REQUESTS`); empty without it.
    """
    from notices.extensions import resident_requests as registered_requests

    return registered_requests(community)
