"""The wall poster (上墙公示) of a community station and its QR code, which opens the
report form with the community preselected: printed as one A4 page, or the code
downloaded alone as SVG or PNG."""

import io

import segno
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from notices.stations.community import CommunityPage
from notices.stations.hours import day_range_label

# The poster's code keeps a quiet zone of two modules in the image; the white
# padding around it on the poster (stations.poster.css) makes up the rest of the
# four a scanner wants. Its size is set in the stylesheet (`--qr`, in mm).
POSTER_QR_BORDER = 2

# Five rows of three … three rows of five: as many people as one A4 sheet holds with
# photos large enough to recognise someone by.
POSTER_MAX_STAFF = 15


def report_url(request: HttpRequest, page: CommunityPage) -> str:
    """The absolute address the poster's QR code opens: the report form with this
    community preselected, in the language the poster is printed in."""
    return request.build_absolute_uri(page.report_path(translation.get_language()))


def report_qr(request: HttpRequest, page: CommunityPage) -> segno.QRCode:
    return segno.make(report_url(request, page), error="m", micro=False)


def poster(request: HttpRequest, page: CommunityPage) -> TemplateResponse:
    qr = report_qr(request, page)
    context = page.get_context(request)
    staff = context["staff"][:POSTER_MAX_STAFF]
    for entry in staff:
        # "Mon–Fri" rather than five day names: the poster's cards are narrow.
        entry["days_label"] = day_range_label(entry["days"]) if entry["days"] else ""
    context.update(
        {
            "qr_svg": mark_safe(  # noqa: S308 (segno's own SVG; the URL is escaped)
                qr.svg_inline(
                    border=POSTER_QR_BORDER,
                    svgclass="poster__qr-code",
                    title=gettext("Scan to report a problem"),
                    omitsize=True,
                )
            ),
            "qr_url": report_url(request, page),
            "printed_on": timezone.localdate(),
            "poster_staff": staff,
            "poster_more": max(0, len(context["staff"]) - POSTER_MAX_STAFF),
        }
    )
    return TemplateResponse(request, "notices/station_poster.html", context)


# The QR code on the station page and the poster: one module per SVG unit and a
# quiet zone of four modules, drawn at whatever size the page gives it.
QR_SVG_OPTIONS = {"scale": 1, "border": 4, "omitsize": True}


def qr_image(request: HttpRequest, page: CommunityPage) -> HttpResponse:
    """The QR code as an image the station page shows (`<img src>`), not a download."""
    buffer = io.BytesIO()
    report_qr(request, page).save(
        buffer,
        kind="svg",
        xmldecl=False,
        title=gettext("Scan to report a problem"),
        **QR_SVG_OPTIONS,
    )
    return HttpResponse(buffer.getvalue(), content_type="image/svg+xml")


def _qr_filename(page: CommunityPage, extension: str) -> str:
    return f"station-{page.report_community_id}-qr.{extension}"


def qr_svg(request: HttpRequest, page: CommunityPage) -> HttpResponse:
    buffer = io.BytesIO()
    report_qr(request, page).save(
        buffer, kind="svg", scale=10, border=4, title=page.title
    )
    response = HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
    response["Content-Disposition"] = (
        f'attachment; filename="{_qr_filename(page, "svg")}"'
    )
    return response


def qr_png(request: HttpRequest, page: CommunityPage) -> HttpResponse:
    buffer = io.BytesIO()
    report_qr(request, page).save(buffer, kind="png", scale=12, border=4)
    response = HttpResponse(buffer.getvalue(), content_type="image/png")
    response["Content-Disposition"] = (
        f'attachment; filename="{_qr_filename(page, "png")}"'
    )
    return response
