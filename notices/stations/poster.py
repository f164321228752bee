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
    # "Mon–Fri" rather than five day names: the poster's cards are narrow. Copies:
    # the page's own entries are shared with its other views.
    staff = [
        {**entry, "days_label": day_range_label(entry["days"]) if entry["days"] else ""}
        for entry in context["staff"][:POSTER_MAX_STAFF]
    ]
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


QR_CONTENT_TYPES = {"svg": "image/svg+xml", "png": "image/png"}


def qr_response(
    request: HttpRequest, page: CommunityPage, kind: str, download: bool, **options
) -> HttpResponse:
    """The page's QR code as an SVG or PNG answer; `download` names a file."""
    buffer = io.BytesIO()
    report_qr(request, page).save(buffer, kind=kind, **options)
    response = HttpResponse(buffer.getvalue(), content_type=QR_CONTENT_TYPES[kind])
    if download:
        filename = f"station-{page.report_community_id}-qr.{kind}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def qr_image(request: HttpRequest, page: CommunityPage) -> HttpResponse:
    """The QR code as an image the station page shows (`<img src>`), not a download."""
    title = gettext("Scan to report a problem")
    return qr_response(
        request, page, "svg", False, xmldecl=False, title=title, **QR_SVG_OPTIONS
    )


def qr_svg(request: HttpRequest, page: CommunityPage) -> HttpResponse:
    return qr_response(request, page, "svg", True, scale=10, border=4, title=page.title)


def qr_png(request: HttpRequest, page: CommunityPage) -> HttpResponse:
    return qr_response(request, page, "png", True, scale=12, border=4)
