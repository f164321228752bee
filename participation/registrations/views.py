"""Registering for an event without an account, and the resident's private page.

The confirmation is the private manage page itself: the resident lands on it after
registering and can bookmark it. Its address holds an unguessable token (256 bits);
only a hash of the token is stored. The page shows the name and phone masked, so a
shared or leaked link reveals no more than the reference code and the status.
"""

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from notices.models import EventPage, RegistrationState
from notices.news.visibility import visible
from participation.abuse import check_rate_limit
from participation.registrations.forms import RegistrationForm
from participation.registrations.models import Registration, RegistrationStatus
from participation.registrations.rules import (
    cancel,
    find_by_token,
    register,
)
from participation.registrations.seats import seat_counts
from participation.resident_pages import (
    link_refused,
    opened_by_link,
    private,
    private_action,
    submitted,
)


def event_or_404(event_id: int) -> EventPage | None:
    return (
        visible(EventPage.objects.filter(pk=event_id))
        .select_related("community")
        .first()
    )


@require_http_methods(["GET", "HEAD", "POST"])
def registration_form(request: HttpRequest, event_id: int) -> HttpResponse:
    """GET: the form (or why registration is not possible). POST: register."""
    event = event_or_404(event_id)
    if event is None:
        return render(
            request,
            "participation/registration_not_found.html",
            {"message": _("There is no such event, or it is no longer published.")},
            status=404,
        )
    source = event.registration_source()
    state = source.registration_state()
    context = {
        "event": event,
        "page": event,
        "state": state,
        "seats": seat_counts(source),
        "RegistrationState": RegistrationState,
    }
    if state != RegistrationState.OPEN:
        status = 400 if request.method == "POST" else 200
        return private(
            render(
                request, "participation/registration_form.html", context, status=status
            )
        )

    if request.method != "POST":
        form = RegistrationForm(event=source)
        return private(
            render(
                request,
                "participation/registration_form.html",
                {**context, "form": form},
            )
        )

    if limited := check_rate_limit(request, "event_registration"):
        return limited
    form = RegistrationForm(request.POST, event=source)

    def store(data: dict) -> str:
        outcome = register(
            event,
            name=data["name"],
            phone=data["phone"],
            email=data["email"],
            party_size=data["party_size"],
            notes=data["notes"],
            join_waitlist=data.get("join_waitlist", False),
            submission_key=form.submission_key or None,
        )
        url = reverse("participation:registration_manage", args=[outcome.token])
        return f"{url}?new=1"

    if url := submitted(form, store):
        return HttpResponseRedirect(url, status=303)
    context.update(form=form, seats=seat_counts(source))
    return private(
        render(request, "participation/registration_form.html", context, status=400)
    )


def not_found(request: HttpRequest) -> HttpResponse:
    return link_refused(
        request,
        "participation/registration_not_found.html",
        _(
            "This link does not open any registration. Check that you copied "
            "the whole link from your confirmation."
        ),
        status=404,
    )


@require_http_methods(["GET", "HEAD"])
@opened_by_link(find_by_token, not_found)
def registration_manage(
    request: HttpRequest, registration: Registration, token: str
) -> HttpResponse:
    """The resident's private page: status, reference code, cancel."""
    event = registration.event.localized.specific
    ahead = None
    if registration.status == RegistrationStatus.WAITING:
        ahead = Registration.objects.filter(
            event_id=registration.event_id,
            status=RegistrationStatus.WAITING,
            created_at__lt=registration.created_at,
        ).count()
    context = {
        "registration": registration,
        "event": event,
        "page": None,
        "ahead": ahead,
        "just_registered": request.GET.get("new") == "1",
        "just_cancelled": request.GET.get("cancelled") == "1",
        "token": token,
        "manage_link": request.build_absolute_uri(request.path),
    }
    return private(render(request, "participation/registration_manage.html", context))


# Cancel from the private page; a second cancel changes nothing.
registration_cancel = private_action(
    find_by_token, not_found, cancel, "participation:registration_manage", "cancelled"
)
