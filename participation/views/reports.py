"""Residents' side of reports: the form the station poster's QR code opens, the
private tracking page, the public list of published reports and the statistics.

The tracking page's address holds an unguessable token (256 bits) and is the only key
to a report; only a hash of it is stored. Contact data is never shown there in full
(a forwarded link reveals nothing personal), and never on any public page.
"""

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.models import Locale, Page

from notices.models import CommunityPage, DistrictPage, SubdistrictPage
from participation.abuse import check_rate_limit
from participation.models.reports import (
    EventKind,
    Report,
    ReportEvent,
    ReportPhoto,
    ReportState,
)
from participation.report_forms import (
    ForgetContactForm,
    InformationForm,
    RatingForm,
    ReopenForm,
    ReportForm,
    community_choices,
    community_from,
)
from participation.reports import (
    TERMINAL_STATES,
    ReportError,
    add_information,
    area_reports,
    delete_contact,
    find_by_token,
    find_community,
    find_item,
    item_title,
    item_titles,
    localized,
    rate,
    reopen,
    report_statistics,
    station_name,
    submit_report,
)
from participation.views.report_charts import bar_chart, month_chart
from portal.lookups import remembered, remembered_markup

STATS_CACHE_SECONDS = 600


def private(response: HttpResponse) -> HttpResponse:
    """Pages with a resident's report: never cached, never indexed."""
    add_never_cache_headers(response)
    response["Cache-Control"] += ", private"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


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
    return {"form": form, "community": shown, "page": None}


@require_http_methods(["GET", "HEAD", "POST"])
def report_form(request: HttpRequest) -> HttpResponse:
    """GET ?community=<id> (the poster's QR code): the form for that community.
    GET without it, or with an id that names no community: the choice of community
    first. POST: store."""
    if request.method == "POST":
        limited = check_rate_limit(request, "report")
        if limited:
            return limited
        named = community_from(request.POST.get("community"))
        form = ReportForm(request.POST, request.FILES, choose_community=named is None)
        if form.is_valid():
            data = form.cleaned_data
            try:
                submitted = submit_report(
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
            except ReportError as error:
                field = error.field_name if error.field_name in form.fields else None
                form.add_error(field, error.message)
            else:
                url = reverse("participation:report_track", args=[submitted.token])
                return redirect(f"{url}?new=1", permanent=False)
        return private(
            render(
                request,
                "participation/report_form.html",
                form_context(form, form.community or named),
                status=400,
            )
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
    form = ReportForm(initial=initial)
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


def not_found(request: HttpRequest, status: int = 404) -> HttpResponse:
    return private(
        render(
            request,
            "participation/report_not_found.html",
            {
                "message": _(
                    "This link does not open any report. Check that you copied the "
                    "whole link from your confirmation."
                )
            },
            status=status,
        )
    )


def timeline(report: Report) -> list[ReportEvent]:
    """What the resident sees: public events only; replies signed by the station."""
    events = list(report.events.filter(public=True).order_by("created_at", "pk"))
    station = station_name(report)
    for event in events:
        event.signature = station if event.actor_kind == "staff" else ""
        if event.kind == EventKind.STATE:
            event.state_label = ReportState(event.to_state).label
    return events


def track_context(request: HttpRequest, report: Report, token: str, **forms) -> dict:
    resolved = report.state in (ReportState.RESOLVED, ReportState.CLOSED) and (
        report.resolved_at is not None
    )
    can_rate = resolved and report.rating is None
    context = {
        "report": report,
        "page": None,
        "token": token,
        "community": localized(report.community),
        "station": station_name(report),
        "category": item_title(report.category_code, report.category_title),
        "events": timeline(report),
        "photos": list(report.photos.filter(from_resident=True)),
        "track_url": request.build_absolute_uri(
            reverse("participation:report_track", args=[token])
        ),
        "just_sent": request.GET.get("new") == "1",
        "done": request.GET.get("done", ""),
        "is_overdue": report.is_overdue(),
        "can_rate": can_rate,
        "can_add": report.state not in TERMINAL_STATES,
        "rating_form": None,
        "reopen_form": None,
        "info_form": None,
        "forget_form": None,
    }
    if can_rate:
        context["rating_form"] = forms.get("rating_form") or RatingForm(prefix="rate")
        context["reopen_form"] = forms.get("reopen_form") or ReopenForm(prefix="reopen")
    if context["can_add"]:
        context["info_form"] = forms.get("info_form") or InformationForm(prefix="info")
    if report.has_contact:
        context["forget_form"] = forms.get("forget_form") or ForgetContactForm(
            prefix="forget"
        )
    return context


@require_http_methods(["GET", "HEAD"])
def report_track(request: HttpRequest, token: str) -> HttpResponse:
    report = find_by_token(token)
    if report is None:
        return not_found(request)
    return private(
        render(
            request,
            "participation/report_track.html",
            track_context(request, report, token),
        )
    )


ACTIONS = {
    "rate": ("rating_form", RatingForm),
    "reopen": ("reopen_form", ReopenForm),
    "info": ("info_form", InformationForm),
    "forget": ("forget_form", ForgetContactForm),
}


@require_POST
def report_track_action(request: HttpRequest, token: str, action: str) -> HttpResponse:
    """The resident's actions on the tracking page; bad input shows the page again
    with the form's errors (400)."""
    limited = check_rate_limit(request, "report_track")
    if limited:
        return limited
    report = find_by_token(token)
    if report is None or action not in ACTIONS:
        return not_found(request, status=400)
    name, form_class = ACTIONS[action]
    form = form_class(request.POST, prefix=action)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if action == "rate":
                rate(report, data["score"], data["comment"])
            elif action == "reopen":
                reopen(report, data["comment"])
            elif action == "info":
                add_information(report, data["text"])
            else:
                delete_contact(report, reason="resident")
        except ReportError as error:
            field = error.field_name if error.field_name in form.fields else None
            form.add_error(field, error.message)
        else:
            url = reverse("participation:report_track", args=[token])
            return redirect(f"{url}?done={action}#{action}")
    report.refresh_from_db()
    context = track_context(request, report, token, **{name: form})
    if context.get(name) is not form:
        # The action is no longer offered (e.g. already rated): say why.
        context["action_error"] = next(iter(form.non_field_errors()), "") or _(
            "This is no longer possible for this report."
        )
    return private(
        render(request, "participation/report_track.html", context, status=400)
    )


def serve_photo(photo: ReportPhoto, private_photo: bool) -> HttpResponse:
    try:
        handle = photo.file.open("rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404 from error
    response = FileResponse(handle, content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    if private_photo:
        private(response)
    else:
        patch_cache_control(response, public=True, max_age=3600)
    return response


@require_http_methods(["GET", "HEAD"])
def report_track_photo(request: HttpRequest, token: str, photo_id: int) -> HttpResponse:
    report = find_by_token(token)
    if report is None:
        return not_found(request)
    photo = report.photos.filter(pk=photo_id).first()
    if photo is None:
        raise Http404
    return serve_photo(photo, private_photo=True)


@require_http_methods(["GET", "HEAD"])
def public_photo(request: HttpRequest, photo_id: int) -> HttpResponse:
    photo = (
        ReportPhoto.objects.filter(pk=photo_id, public=True)
        .filter(report__in=Report.objects.published())
        .first()
    )
    if photo is None:
        raise Http404
    return serve_photo(photo, private_photo=False)


@require_http_methods(["GET", "HEAD"])
def community_reports(request: HttpRequest, community_id: int) -> HttpResponse:
    """Reports moderators published for one community: redacted, approved photos."""
    source = find_community(community_id)
    if source is None:
        raise Http404
    community = localized(source)
    reports = (
        Report.objects.published()
        .filter(community=source)
        .order_by("-published_at", "-pk")
        .prefetch_related(
            Prefetch(
                "photos",
                queryset=ReportPhoto.objects.filter(public=True),
                to_attr="public_photos",
            )
        )
    )
    page = Paginator(reports, 20).get_page(request.GET.get("page"))
    language = translation.get_language()
    found = item_titles((report.category_code for report in page.object_list), language)
    for report in page.object_list:
        code = report.category_code
        report.category_label = found.get(code) or report.category_title or code
    response = render(
        request,
        "participation/report_community_list.html",
        {
            "community": community,
            "source": source,
            "reports": page,
            "page": None,
        },
    )
    patch_cache_control(response, public=True, max_age=300)
    return response


def statistics_areas() -> list[dict]:
    """The districts and their communities, for the statistics page's navigation."""
    default = Locale.get_default()
    districts = DistrictPage.objects.live().filter(locale=default).order_by("path")
    return [{"page": localized(district), "id": district.pk} for district in districts]


@require_http_methods(["GET", "HEAD"])
def report_statistics_view(
    request: HttpRequest, area_id: int | None = None
) -> HttpResponse:
    """Counts, times, on-time rate and ratings for the city, a district, a subdistrict
    or a community, drawn as SVG on the server."""
    area = None
    if area_id is not None:
        area = (
            Page.objects.live()
            .type(DistrictPage, SubdistrictPage, CommunityPage)
            .filter(pk=area_id)
            .first()
        )
        if area is None:
            raise Http404
        area = localized(area.specific)
    language = translation.get_language()
    hour = timezone.now().strftime("%Y%m%d%H")
    key = f"report-stats:{area_id or 'city'}:{language}:{hour}"
    stats = cache.get(key)
    if stats is None:
        stats = report_statistics(area_reports(area))
        cache.set(key, stats, STATS_CACHE_SECONDS)
    children = []
    if area is None:
        children = statistics_areas()
    else:
        for child in area.get_children().live().specific():
            children.append({"page": child, "id": child.pk})
    community_id = None
    if isinstance(area, CommunityPage):
        community_id = area.report_community_id
    context = {
        "page": None,
        "area": area,
        "community_id": community_id,
        "ancestors": (
            [
                localized(ancestor.specific)
                for ancestor in area.get_ancestors()
                .type(DistrictPage, SubdistrictPage)
                .live()
            ]
            if area
            else []
        ),
        "children": children,
        "stats": stats,
        "month_chart": month_chart(stats["by_month"]),
        "category_chart": bar_chart(
            [(label, n) for _code, label, n in stats["by_category"][:10]],
            title=_("Reports by category"),
        ),
        "state_chart": bar_chart(
            [(str(label), n) for _key, label, n in stats["by_state"]],
            title=_("Reports by state"),
        ),
    }
    response = render(request, "participation/report_statistics.html", context)
    patch_cache_control(response, public=True, max_age=STATS_CACHE_SECONDS)
    return response
