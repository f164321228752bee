"""A pin (or GPS point) and the place the resident named may disagree: the form was
opened for one community (the poster's QR code, or the community chosen), and the
point lies in another. That is a note to staff on the report, never an error for the
resident (a pin on a shared street, a GPS fix off by a block).

Which community holds a point is the maps room's routing (`route_point` in
notices/maps/routing.py), which the report form applies when it decides the
community; this module only compares the outcome with what the resident chose.
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from notices.models import CommunityPage
from participation.reports.models import EventKind, Report
from participation.reports.workflow import record


def note_if_pin_elsewhere(report: Report, chosen: CommunityPage | None) -> bool:
    """Write an internal note when the report, placed by its point, went to another
    community than the one the resident chose. True when a note was written."""
    if chosen is None or report.community is None or report.latitude is None:
        return False
    if report.community.translation_key == chosen.translation_key:
        return False
    with translation.override(settings.LANGUAGE_CODE):  # as the staff's notes are
        text = gettext(
            "The resident chose %(chosen)s, but the pin lies in %(pinned)s: the "
            "report went there. Check the place before dispatching."
        ) % {"chosen": chosen.title, "pinned": report.community.title}
    record(report, EventKind.NOTE, text=text)
    return True
