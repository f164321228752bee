"""Which community a report with a point belongs to: the one whose boundary holds
the point (notices/maps/routing.py), not the one whose station is nearest. A point
outside every boundary goes to the nearest station, and the staff are told in a note
on the report (they may want to forward it)."""

from decimal import Decimal

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from notices.maps.routing import has_boundaries, route_point
from notices.models import CommunityPage
from participation.reports.communities import find_community


def routed_community(
    latitude, longitude, *, boundaries_only: bool = False
) -> CommunityPage | None:
    """The live community (default language) the point belongs to; None when the
    point is outside China or no community can take it. `boundaries_only`: also
    None while the city has no boundaries at all (then the nearest station is a
    guess the caller need not take)."""
    route = route_point(latitude, longitude)
    if route is None or (boundaries_only and not has_boundaries()):
        return None
    return find_community(route.community_id)


def routing_note(latitude, longitude) -> str:
    """The staff's note for a report whose point lies outside every community's
    boundary (in the site's default language, as the staff's own notes are); empty
    when the point is inside one, or when the city has no boundaries yet."""
    if latitude is None or longitude is None:
        return ""
    route = route_point(latitude, longitude)
    if route is None or route.inside or not has_boundaries():
        return ""
    with translation.override(settings.LANGUAGE_CODE):
        return gettext(
            "The reported point (%(lat)s, %(lng)s) lies outside every community's "
            "boundary: the report went to the nearest station, %(km).1f km away. "
            "Forward it if another community or department is responsible."
        ) % {
            "lat": Decimal(str(latitude)).quantize(Decimal("0.00001")),
            "lng": Decimal(str(longitude)).quantize(Decimal("0.00001")),
            "km": route.distance_km or 0,
        }
