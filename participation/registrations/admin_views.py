"""Staff side of event registrations: lists, exports, check-in at the door.

Who sees what (the rule, in one place):

- Entering these screens needs the "view registration" permission (or superuser).
- An event held at a community station is visible to staff whose communities
  (`notices.models.communities_for`) include that station. An event with only an
  address, not at a station, counts as citywide: only superusers and bureau-wide
  staff (assigned to the station directory itself) see it.
- Names and phones in full, and the CSV/XLSX exports, need the extra permission
  "Can see registrants' names and phones and export them"; everyone else sees them
  masked (张**, 138****5678).
- Checking in needs the "change registration" permission.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet, Sum
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View
from wagtail.admin import messages
from wagtail.models import Locale

from notices.models import EventPage, communities_for
from participation.policies import is_bureau_wide
from participation.registrations.forms import CheckInForm
from participation.registrations.models import RegistrationStatus
from participation.registrations.rules import RegistrationError, check_in
from participation.registrations.seats import attendance
from participation.staff import (
    StaffScreen,
    audited_export,
    has_permission,
    may_enter,
    one_or_denied,
)
from portal.exports import defuse, local_minute
from portal.params import FilterChoiceField, ParamsForm, check_params


def can_enter(user) -> bool:
    return may_enter(user, "view_registration")


def events_for_staff(user) -> QuerySet:
    """The events holding registrations (see `EventPage.registration_source`: the
    default-language page, or the only page of an untranslated event) this user may
    see."""
    default = Locale.get_default()
    translated = EventPage.objects.filter(locale=default).values("translation_key")
    events = EventPage.objects.filter(
        Q(locale=default) | ~Q(translation_key__in=translated),
        takes_registrations=True,
    )
    if not can_enter(user):
        return events.none()
    if is_bureau_wide(user):
        return events
    keys = communities_for(user).values("translation_key")
    return events.filter(community__translation_key__in=keys)


def can_see_personal_data(user) -> bool:
    return has_permission(user, "view_registration_personal_data")


def can_check_in(user) -> bool:
    return has_permission(user, "change_registration")


class RegistrationScreen(StaffScreen):
    index_url_name = "participation_registrations:index"
    index_label = gettext_lazy("Event registrations")

    def may_enter(self, user) -> bool:
        return can_enter(user)

    def get_event(self) -> EventPage:
        events = events_for_staff(self.request.user).select_related("community")
        return one_or_denied(events, self.kwargs["event_id"])


class EventListView(RegistrationScreen, TemplateView):
    """Events the user may see, with places taken, waiting and checked in."""

    page_title = gettext_lazy("Event registrations")
    template_name = "participation/registration_admin_events.html"
    is_index = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        past = self.request.GET.get("past") == "1"
        now = timezone.now()
        events = events_for_staff(self.request.user).annotate(
            seats_taken=Sum(
                "registrations__party_size",
                filter=Q(registrations__status=RegistrationStatus.CONFIRMED),
            ),
            waiting=Count(
                "registrations",
                filter=Q(registrations__status=RegistrationStatus.WAITING),
            ),
            checked_in=Sum(
                "registrations__party_size",
                filter=Q(registrations__checked_in_at__isnull=False),
            ),
        )
        events = (
            events.filter(end__lt=now).order_by("-start")
            if past
            else events.filter(end__gte=now).order_by("start")
        )
        context.update(events=events[:200], showing_past=past)
        return context


class RegistrationFilters(ParamsForm):
    status = FilterChoiceField(choices=RegistrationStatus.choices)


class EventRegistrationsView(RegistrationScreen, TemplateView):
    """One event's registrations; names and phones masked unless allowed."""

    template_name = "participation/registration_admin_list.html"

    def get_page_title(self):
        return self.event.title

    def get(self, request, *args, **kwargs):
        self.event = self.get_event()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        registrations = self.event.registrations.order_by("created_at", "pk")
        status = check_params(RegistrationFilters, self.request.GET)[0]["status"]
        if status:
            registrations = registrations.filter(status=status)
        user = self.request.user
        context.update(
            event=self.event,
            registrations=registrations,
            statuses=RegistrationStatus.choices,
            current_status=status,
            show_personal_data=can_see_personal_data(user),
            may_check_in=can_check_in(user),
            attendance=attendance(self.event),
            counts=self.event.seat_counts(),
        )
        return context


EXPORT_COLUMNS = [
    ("reference", gettext_lazy("Reference code")),
    ("status", gettext_lazy("Status")),
    ("name", gettext_lazy("Name")),
    ("phone", gettext_lazy("Mobile phone")),
    ("email", gettext_lazy("Email")),
    ("party_size", gettext_lazy("People")),
    ("notes", gettext_lazy("Notes")),
    ("created_at", gettext_lazy("Registered")),
    ("confirmed_at", gettext_lazy("Confirmed")),
    ("checked_in_at", gettext_lazy("Checked in")),
]


def export_rows(event: EventPage) -> list[list]:
    rows = []
    for registration in event.registrations.order_by("created_at", "pk"):
        row = []
        for name, _label in EXPORT_COLUMNS:
            value = getattr(registration, name)
            if name == "status":
                value = registration.get_status_display()
            elif isinstance(value, datetime):
                value = local_minute(value)
            elif value is None:
                value = ""
            row.append(defuse(value))
        rows.append(row)
    return rows


class ExportView(RegistrationScreen, View):
    """CSV or XLSX of one event's registrations, for staff allowed personal data."""

    def get(self, request, *args, **kwargs):
        if not can_see_personal_data(request.user):
            raise PermissionDenied
        event = self.get_event()
        return audited_export(
            "xlsx" if kwargs["fmt"] == "xlsx" else "csv",
            f"registrations-{event.pk}",
            EXPORT_COLUMNS,
            export_rows(event),
            verb="registrations.export",
            title=_("Registrations"),
            personal_data=True,
            obj=event,
        )


class CheckInView(RegistrationScreen, FormView):
    """At the door: type the reference code the resident shows."""

    form_class = CheckInForm
    template_name = "participation/registration_admin_check_in.html"

    def may_use(self, user) -> bool:
        return can_check_in(user)

    def load(self) -> None:
        self.event = self.get_event()

    def get_page_title(self):
        return _("Check in: %(title)s") % {"title": self.event.title}

    def trail(self) -> list[dict]:
        event_url = reverse("participation_registrations:event", args=[self.event.pk])
        return [
            *self.index_breadcrumbs(),
            {"url": event_url, "label": self.event.title},
        ]

    def breadcrumb_label(self) -> str:
        return _("Check in")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(event=self.event, attendance=attendance(self.event))
        return context

    def form_valid(self, form):
        try:
            result = check_in(self.event, form.cleaned_data["reference"])
        except RegistrationError as error:
            form.add_error("reference", error.message)
            return self.form_invalid(form)
        registration = result.registration
        if result.already:
            messages.warning(
                self.request,
                _("%(reference)s was already checked in at %(time)s.")
                % {
                    "reference": registration.reference,
                    "time": local_minute(registration.checked_in_at),
                },
            )
        else:
            messages.success(
                self.request,
                _("%(reference)s checked in: %(people)d people.")
                % {
                    "reference": registration.reference,
                    "people": registration.party_size,
                },
            )
        return redirect("participation_registrations:check_in", self.event.pk)
