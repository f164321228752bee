"""Staff side of event registrations: a Wagtail viewset of registrations (filtered by
event and status, exported, checked in in bulk) and the check-in screen at the door.

Who sees what is `RegistrationPolicy`'s (participation/policies.py): an event held
at a community station belongs to that community's staff; one elsewhere to the
bureau. Names and phones in full, and the exports, need "Can see registrants' names
and phones and export them"; everyone else sees them masked (张**, 138****5678).
Checking in needs "change registration".
"""

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.widgets import Button
from wagtail.models import Locale

from notices.models import EventPage, communities_for
from participation.policies import is_bureau_wide
from participation.registrations.forms import CheckInForm
from participation.registrations.models import Registration, RegistrationStatus
from participation.registrations.rules import RegistrationError, check_in
from participation.registrations.seats import attendance, seat_counts
from participation.staff import (
    SUBMISSION_HEADINGS,
    IdChoiceFilter,
    RecordEditView,
    ScopedBulkAction,
    ScopedIndexView,
    ScopedInspectView,
    ScopedViewSet,
    StaffScreen,
    one_or_denied,
    policy_for,
    submission_columns,
)
from participation.submissions import mask_name, mask_phone
from portal.exports import local_minute


def can_enter(user) -> bool:
    return policy_for(Registration).user_has_any_permission(user, ["view", "change"])


def can_check_in(user) -> bool:
    return policy_for(Registration).user_has_permission(user, "change")


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


def staff_events(request) -> QuerySet:
    return events_for_staff(request.user).order_by("-start")


class RegistrationFilterSet(WagtailFilterSet):
    event = IdChoiceFilter(label=gettext_lazy("Event"), queryset=staff_events)
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"), choices=RegistrationStatus.choices
    )
    checked_in = django_filters.BooleanFilter(
        label=gettext_lazy("Checked in"),
        field_name="checked_in_at",
        lookup_expr="isnull",
        exclude=True,
    )

    class Meta:
        model = Registration
        fields = ["event", "status", "checked_in"]


class RegistrationIndexView(ScopedIndexView):
    """Registrations of the user's events; `?event=` narrows to one event, and an
    event the user may not see is refused, not quietly left unfiltered."""

    export_verb = "registrations.export"
    export_needs_personal_data = True
    personal_fields = {
        "name": mask_name,
        "phone": mask_phone,
        "email": lambda _value: "",
        "notes": lambda _value: "",
    }

    def get(self, request, *args, **kwargs):
        if self.filters is not None and "event" in self.filters.errors:
            raise PermissionDenied
        return super().get(request, *args, **kwargs)

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("event")

    def chosen_event(self) -> EventPage | None:
        if self.filters is None or not self.filters.is_valid():
            return None
        return self.filters.form.cleaned_data.get("event")

    def export_subject(self):
        return self.chosen_event()

    def get_context_data(self, **kwargs):
        """One event chosen: its places taken and left, its waiting list and the
        people checked in, above its registrations."""
        context = super().get_context_data(**kwargs)
        event = self.chosen_event()
        if event is not None:
            context.update(
                chosen_event=event,
                seats=seat_counts(event),
                present=attendance(event),
            )
        return context

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons.copy()
        event = self.chosen_event()
        if event is not None and can_check_in(self.request.user):
            buttons.append(
                Button(
                    _("Check in at the door"),
                    url=reverse(
                        "participation_registrations:check_in", args=[event.pk]
                    ),
                    icon_name="tick",
                    priority=10,
                )
            )
        return buttons


class RegistrationInspectView(ScopedInspectView):
    personal_fields = ("name", "phone", "email", "notes")


class CheckInRegistrations(ScopedBulkAction):
    """Check in the chosen registrations at once, each through the door's rule;
    those that cannot be (not confirmed) stay as they are."""

    display_name = gettext_lazy("Check in")
    action_type = "check_in"
    aria_label = gettext_lazy("Check in the selected registrations")
    question = gettext_lazy("Check in these registrations?")
    models = [Registration]

    def act_on(self, record: Registration) -> None:
        check_in(record.event, record.reference)

    def get_success_message(self, num_parent_objects, num_child_objects):
        return _("%(done)d checked in; %(left)d not confirmed, left as they were.") % {
            "done": num_parent_objects,
            "left": num_child_objects,
        }


class CheckInView(StaffScreen, FormView):
    """At the door: type the reference code the resident shows."""

    form_class = CheckInForm
    template_name = "participation/registration_admin_check_in.html"
    index_url_name = "participation_registrations:list"
    index_label = gettext_lazy("Event registrations")
    header_icon = "group"

    def may_enter(self, user) -> bool:
        return can_enter(user)

    def may_use(self, user) -> bool:
        return can_check_in(user)

    def load(self) -> None:
        events = events_for_staff(self.request.user).select_related("community")
        self.event = one_or_denied(events, self.kwargs["event_id"])

    def get_page_title(self):
        return _("Check in: %(title)s") % {"title": self.event.title}

    def trail(self) -> list[dict]:
        event_url = reverse(self.index_url_name) + f"?event={self.event.pk}"
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


# A registration's facts after its reference and status, on its page and in exports.
DETAILS = [
    "name",
    "phone",
    "email",
    "party_size",
    "notes",
    "created_at",
    "confirmed_at",
    "checked_in_at",
]


class RegistrationViewSet(ScopedViewSet):
    """Residents' registrations for events, for the staff of the events' places."""

    model = Registration
    icon = "group"
    menu_label = gettext_lazy("Event registrations")
    menu_order = 320
    add_to_admin_menu = True
    base_url_path = "event-registrations"
    admin_url_namespace = "participation_registrations"
    index_view_class = RegistrationIndexView
    inspect_view_class = RegistrationInspectView
    edit_view_class = RecordEditView
    filterset_class = RegistrationFilterSet
    ordering = ["event", "created_at", "pk"]
    list_per_page = 100
    export_filename = "registrations"
    inspect_view_fields = ["reference", "event", "status", *DETAILS]
    list_display = [
        "reference",
        Column("event", label=gettext_lazy("Event")),
        *submission_columns(),
        Column("party_size", label=gettext_lazy("People")),
        DateColumn("created_at", label=gettext_lazy("Registered")),
        DateColumn("checked_in_at", label=gettext_lazy("Checked in")),
    ]
    list_export = ["reference", "get_status_display", *DETAILS]
    export_headings = {
        **SUBMISSION_HEADINGS,
        "party_size": gettext_lazy("People"),
        "notes": gettext_lazy("Notes"),
        "created_at": gettext_lazy("Registered"),
        "confirmed_at": gettext_lazy("Confirmed"),
        "checked_in_at": gettext_lazy("Checked in"),
    }

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "check-in/<id:event_id>/",
                CheckInView.as_view(),
                name="check_in",
            ),
        ]
