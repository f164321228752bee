"""The resident's private tracking page: what the station replied and did, and what
the resident may do there (rate, reopen, add information, erase their contact).

Its address holds an unguessable token (256 bits) and is the only key to a report;
only a hash of it is stored. Contact data is never shown there in full (a forwarded
link reveals nothing personal).
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from participation.abuse import check_rate_limit
from participation.departments.escalating import handling
from participation.reports.categories import item_title
from participation.reports.communities import localized, station_name
from participation.reports.contact_data import delete_contact
from participation.reports.deadlines import deferred_reply
from participation.reports.forms import (
    ForgetContactForm,
    InformationForm,
    RatingForm,
    ReopenForm,
)
from participation.reports.models import EventKind, Report, ReportEvent, ReportState
from participation.reports.resident_actions import add_information, rate, reopen
from participation.reports.responses import serve_photo
from participation.reports.submitting import find_by_token
from participation.reports.workflow import TERMINAL_STATES
from participation.resident_pages import (
    link_refused,
    opened_by_link,
    private,
    submitted,
)


def not_found(request: HttpRequest, status: int = 404) -> HttpResponse:
    return link_refused(
        request,
        "participation/report_not_found.html",
        _(
            "This link does not open any report. Check that you copied the "
            "whole link from your confirmation."
        ),
        status=status,
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
        "escalations": handling(report),
        "photos": list(report.photos.filter(from_resident=True)),
        "track_url": request.build_absolute_uri(
            reverse("participation:report_track", args=[token])
        ),
        "just_sent": request.GET.get("new") == "1",
        "done": request.GET.get("done", ""),
        "is_overdue": report.is_overdue(),
        "deferred_reply": deferred_reply(report),
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
@opened_by_link(find_by_token, not_found)
def report_track(request: HttpRequest, report: Report, token: str) -> HttpResponse:
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

    def act(data: dict) -> str:
        if action == "rate":
            rate(report, data["score"], data["comment"])
        elif action == "reopen":
            reopen(report, data["comment"])
        elif action == "info":
            add_information(report, data["text"])
        else:
            delete_contact(report, reason="resident")
        url = reverse("participation:report_track", args=[token])
        return f"{url}?done={action}#{action}"

    if url := submitted(form, act):
        return redirect(url)
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


@require_http_methods(["GET", "HEAD"])
@opened_by_link(find_by_token, not_found)
def report_track_photo(
    request: HttpRequest, report: Report, token: str, photo_id: int
) -> HttpResponse:
    photo = report.photos.filter(pk=photo_id).first()
    if photo is None:
        raise Http404
    return serve_photo(photo, private_photo=True)
