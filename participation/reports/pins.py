"""A pin (or GPS point) and the community the resident chose may disagree: the pin
then lies in another community's boundary. That is a note to staff on the report,
never an error for the resident (a pin on a shared street, a GPS fix off by a block).

Which community holds a point is the maps room's routing (`route_point(lat, lng)` in
notices/maps/); until it is there, no note is written.
"""

from importlib import import_module

from django.utils.translation import gettext

from participation.reports.models import EventKind, Report
from participation.reports.workflow import record

ROUTING_MODULES = ("notices.maps.routing", "notices.maps")


def route_point_function():
    """The maps room's `route_point`, or None where it is not installed yet."""
    for name in ROUTING_MODULES:
        try:
            module = import_module(name)
        except ImportError:
            continue
        found = getattr(module, "route_point", None)
        if callable(found):
            return found
    return None


def note_if_pin_elsewhere(report: Report, route=None) -> bool:
    """Write an internal note when the report's point lies in another community
    than the one it was sent to. True when a note was written."""
    route = route or route_point_function()
    if route is None or report.latitude is None or report.community is None:
        return False
    routed = route(float(report.latitude), float(report.longitude))
    if routed is None:
        return False
    if getattr(routed, "translation_key", None) == report.community.translation_key:
        return False
    record(
        report,
        EventKind.NOTE,
        text=gettext(
            "The pin lies in %(pinned)s, not in %(chosen)s, the community the "
            "resident chose. Check the place before dispatching."
        )
        % {"pinned": routed.title, "chosen": report.community.title},
    )
    return True
