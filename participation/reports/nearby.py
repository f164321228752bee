"""Open reports near a point, shown to a resident before they send one
("附近已有人反映"): the same category within about 100 m, so they can add their
support instead of a second report.

What a resident is shown of someone else's report carries no personal data: the
category, the public summary when staff published the report, the state, the day it
came in and a rough distance ("约 30 米"); never its description, name, phone,
address, coordinates or photos. A report is named by a signed id only (`signed_id`),
so the list cannot be used to walk through every report.
"""

import math
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core import signing
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from notices.stations.geo import in_china
from participation.reports.categories import item_titles
from participation.reports.models import Report, ReportState

RADIUS_METRES = 100
MAX_SHOWN = 5
EARTH_RADIUS_METRES = 6_371_000
METRES_PER_DEGREE = 111_320  # of latitude, and of longitude at the equator
SIGNING_SALT = "participation.reports.nearby"


def metres_between(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """The great-circle distance (haversine), in metres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    d_lat, d_lng = p2 - p1, math.radians(lng2 - lng1)
    h = math.sin(d_lat / 2) ** 2
    h += math.cos(p1) * math.cos(p2) * math.sin(d_lng / 2) ** 2
    return 2 * EARTH_RADIUS_METRES * math.asin(math.sqrt(h))


def read_point(latitude, longitude) -> tuple[float, float] | None:
    """A point in China from two values as a form or URL gives them; None for
    anything else (missing, not a number, infinite, outside China's box)."""
    try:
        lat, lng = Decimal(str(latitude)), Decimal(str(longitude))
    except (InvalidOperation, ValueError, TypeError):
        return None
    if not (lat.is_finite() and lng.is_finite()) or not in_china(lat, lng):
        return None
    return float(lat), float(lng)


def rough_distance(metres: float) -> str:
    """ "约 30 米": rounded to ten metres, never less than ten."""
    tens = max(10, int(round(metres / 10.0)) * 10)
    return _("about %(metres)d m") % {"metres": tens}


@dataclass(frozen=True)
class NearbyReport:
    """What a resident may see of another resident's open report."""

    id: str
    category: str
    summary: str
    state: str
    received: date
    distance: str

    def as_json(self) -> dict:
        return {
            "id": self.id,
            "category": self.category,
            "summary": self.summary,
            "state": self.state,
            "received": self.received.isoformat(),
            "distance": self.distance,
        }


def signed_id(report: Report) -> str:
    return signing.dumps(report.pk, salt=SIGNING_SALT, compress=False)


def report_from_signed(value: str) -> Report | None:
    """The open report a signed id from the list names; None when forged, unknown,
    or no longer open."""
    if not isinstance(value, str) or not value or len(value) > 100:
        return None
    try:
        pk = signing.loads(value, salt=SIGNING_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return Report.objects.open().filter(pk=pk, merged_into__isnull=True).first()


def nearby_open_reports(
    category_code: str, latitude: float, longitude: float
) -> list[NearbyReport]:
    """Open reports of `category_code` within RADIUS_METRES of the point, nearest
    first (at most MAX_SHOWN). A box on the indexed columns narrows them down; the
    exact distance decides."""
    d_lat = RADIUS_METRES / METRES_PER_DEGREE
    shrink = max(math.cos(math.radians(latitude)), 0.01)
    d_lng = RADIUS_METRES / (METRES_PER_DEGREE * shrink)
    candidates = (
        Report.objects.open()
        .filter(
            category_code=category_code,
            merged_into__isnull=True,
            latitude__range=(
                Decimal(f"{latitude - d_lat:.6f}"),
                Decimal(f"{latitude + d_lat:.6f}"),
            ),
            longitude__range=(
                Decimal(f"{longitude - d_lng:.6f}"),
                Decimal(f"{longitude + d_lng:.6f}"),
            ),
        )
        .only(
            "pk",
            "category_title",
            "public_title",
            "published_at",
            "allow_publication",
            "state",
            "created_at",
            "latitude",
            "longitude",
        )[:200]
    )
    found = []
    for report in candidates:
        metres = metres_between(
            latitude, longitude, float(report.latitude), float(report.longitude)
        )
        if metres <= RADIUS_METRES:
            found.append((metres, report))
    found.sort(key=lambda pair: (pair[0], pair[1].pk))
    titles = item_titles([category_code], translation.get_language())
    category = titles.get(category_code, "")
    return [
        shown(report, metres, category or report.category_title)
        for metres, report in found[:MAX_SHOWN]
    ]


def shown(report: Report, metres: float, category: str) -> NearbyReport:
    return NearbyReport(
        id=signed_id(report),
        category=category,
        summary=report.public_title if report.is_published else "",
        state=str(ReportState(report.state).label),
        received=timezone.localdate(report.created_at),
        distance=rough_distance(metres),
    )
