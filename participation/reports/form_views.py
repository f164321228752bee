"""The report form the station poster's QR code opens: for the community it names, or
the choice of community first; stored, it sends the resident to their tracking page."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from notices.models import CommunityPage
from participation.abuse import check_rate_limit
from participation.reports.categories import find_item
from participation.reports.communities import localized
from participation.reports.forms import (
    ReportForm,
    SupportForm,
    community_choices,
    community_from,
)
from participation.reports.nearby import (
    NearbyReport,
    nearby_open_reports,
    read_point,
    report_from_signed,
)
from participation.reports.pins import note_if_pin_elsewhere
from participation.reports.submitting import AlreadySent, Submitted, submit_report
from participation.reports.support import AlreadySupported, add_support
from participation.reports.workflow import ReportError
from participation.resident_pages import private, submitted
from portal.lookups import remembered, remembered_markup

# The <form> of 我也遇到了, next to the report form (forms cannot nest): its buttons
# and fields in the report form's list of reports nearby name it.
SUPPORT_FORM_ID = "report-support"


def form_context(form: ReportForm, community: CommunityPage | None) -> dict:
    shown = None
    if community is not None:
        # Every QR visit shows it: remembered until content changes, like the
        # community itself (find_community); only read, never changed.
        shown = remembered(
            "report-community-shown",
            lambda: localized(community),
            community.pk,
            translation.get_language(),
        )
    return {
        "form": form,
        "community": shown,
        "page": None,
        "support_form": SupportForm(prefix="support", owner=SUPPORT_FORM_ID),
        "nearby_url": reverse("participation:report_nearby"),
        "map_tiles": settings.PORTAL_MAP_TILE_URL,
    }


def nearby_first(form: ReportForm) -> list[NearbyReport]:
    """Open reports of the same category near the valid form's point."""
    point = form.point
    if point is None or form.item is None:
        return []
    return nearby_open_reports(form.item.code, *point)


@require_http_methods(["GET", "HEAD", "POST"])
def report_form(request: HttpRequest) -> HttpResponse:
    """GET ?community=<id> (the poster's QR code): the form for that community.
    GET without it, or with an id that names no community: the choice of community
    first. POST: store; the same form sent again shows its report's tracking link
    (a fresh one) instead of storing it twice."""
    if request.method == "POST":
        limited = check_rate_limit(request, "report")
        if limited:
            return limited
        named = community_from(request.POST.get("community"))
        form = ReportForm(
            request.POST, request.FILES, choose_community=named is None, community=named
        )

        replayed = {}

        def store(data: dict) -> str:
            try:
                stored = store_report(data)
            except AlreadySent as sent:
                if sent.token:
                    replayed["url"] = request.build_absolute_uri(
                        reverse("participation:report_track", args=[sent.token])
                    )
                raise
            note_if_pin_elsewhere(stored.report, named)
            url = reverse("participation:report_track", args=[stored.token])
            return f"{url}?new=1"

        def store_report(data: dict) -> Submitted:
            return submit_report(
                community=form.community,
                item=form.item,
                kind=data["kind"],
                description=data["description"],
                location=data["location"],
                name=data["name"],
                phone=data["phone"],
                email=data["email"],
                consent=data["consent"],
                allow_publication=data["allow_publication"],
                photos=data["photos"] or [],
                latitude=data.get("latitude"),
                longitude=data.get("longitude"),
                language=translation.get_language(),
                submission_key=form.submission_key,
            )

        not_same = request.POST.get("not_same") == "1"
        if form.is_valid() and not not_same and (nearby := nearby_first(form)):
            # 附近已有人反映: nothing is stored; the resident supports one of these
            # or ticks "not the same problem" and sends again.
            context = form_context(form, form.community)
            context.update(
                nearby=nearby,
                support_form=SupportForm(
                    prefix="support", issued_at=form.issued_at, owner=SUPPORT_FORM_ID
                ),
                photos_dropped=bool(request.FILES.getlist("photos")),
            )
            return private(render(request, "participation/report_form.html", context))
        if url := submitted(form, store):
            return redirect(url, permanent=False)
        context = form_context(form, form.community or named)
        context["replayed_url"] = replayed.get("url", "")
        return private(
            render(request, "participation/report_form.html", context, status=400)
        )

    requested = request.GET.get("community", "")
    category = request.GET.get("category", "")
    if category and find_item(category) is None:
        category = ""  # only a current item is carried along (and part of a key)
    community = community_from(requested) if requested else None
    language = translation.get_language()
    if community is None:
        communities = remembered_markup(
            "participation/report_choose_list.html",
            {"groups": community_choices(), "category": category},
            language,
            category,
        )
        return private(
            render(
                request,
                "participation/report_choose.html",
                {
                    "page": None,
                    "communities": communities,
                    "unknown_community": bool(requested),
                },
                status=400 if requested else 200,
            )
        )
    initial = {"community": str(community.pk)}
    if category:
        initial["category"] = category
    form = ReportForm(initial=initial, community=community)
    context = form_context(form, community)
    # The fields of a form nobody has filled in are the same for every visitor of a
    # community's QR address, but for the one-time token: written once per content
    # generation (portal.lookups), the token added to them on every request.
    context["fields_markup"] = remembered_markup(
        "participation/report_form_fields.html",
        {"form": form, "per_request": form.token_field},
        language,
        community.pk,
        category,
    )
    return private(render(request, "participation/report_form.html", context))


@require_http_methods(["POST"])
def report_support(request: HttpRequest) -> HttpResponse:
    """我也遇到了: count the resident in on an open report nearby; no report is
    stored. Refused (the reason shown, 400) when the report is gone or closed, the
    form is a bot's, or the phone has no consent."""
    limited = check_rate_limit(request, "report_support")
    if limited:
        return limited
    form = SupportForm(request.POST, prefix="support")
    report = None
    if form.is_valid():
        report = report_from_signed(form.cleaned_data["report"])
        if report is None:
            form.add_error(
                None,
                _("That report is no longer open. Send your own report instead."),
            )
        else:
            try:
                add_support(
                    report,
                    phone=form.cleaned_data["phone"],
                    consent=form.cleaned_data["consent"],
                    language=translation.get_language(),
                    submission_key=form.submission_key,
                )
            except AlreadySupported:
                pass  # the same form sent twice: counted once, thanked again
            except ReportError as error:
                error.show_on(form)
    status = 200 if form.is_valid() and not form.errors else 400
    context = {
        "page": None,
        "form": form,
        "supported": status == 200,
        "phone_left": bool(status == 200 and form.cleaned_data.get("phone")),
    }
    return private(
        render(request, "participation/report_supported.html", context, status=status)
    )


NEARBY_FIELDS = ("category", "lat", "lng")


@require_http_methods(["GET", "HEAD"])
def report_nearby(request: HttpRequest) -> HttpResponse:
    """GET ?category=<code>&lat=<deg>&lng=<deg>: the open reports of that category
    within about 100 m, as JSON, for the form's list (see `nearby`). Bad values
    answer 400 with a message; nothing personal is ever in the answer."""
    limited = check_rate_limit(request, "report_nearby")
    if limited:
        return limited
    values = {name: request.GET.get(name, "") for name in NEARBY_FIELDS}
    item = None
    code = values["category"]
    if len(code) <= 20 and code.isascii() and code.isprintable():
        item = find_item(code) if code else None
    point = read_point(values["lat"], values["lng"])
    if item is None or point is None:
        response = JsonResponse(
            {
                "error": str(_("Give a category from the list and a point in China.")),
                "reports": [],
            },
            status=400,
        )
    else:
        found = nearby_open_reports(item.code, *point)
        response = JsonResponse({"reports": [report.as_json() for report in found]})
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
