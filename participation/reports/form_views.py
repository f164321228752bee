"""The report form the station poster's QR code opens: for the community it names, or
the choice of community first; stored, it sends the resident to their tracking page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_http_methods

from notices.models import CommunityPage
from participation.abuse import check_rate_limit
from participation.reports.categories import find_item
from participation.reports.communities import localized
from participation.reports.forms import ReportForm, community_choices, community_from
from participation.reports.submitting import AlreadySent, Submitted, submit_report
from participation.resident_pages import private, submitted
from portal.lookups import remembered, remembered_markup


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
