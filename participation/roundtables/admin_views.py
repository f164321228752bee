"""Staff side of roundtables: meetings, moderation of agenda proposals, minutes,
resolutions and follow-up.

Who does what (the rule, in one place):

- Entering needs the "view roundtable meeting" permission (or superuser); every list,
  page and action covers only meetings of the user's communities
  (`notices.models.communities_for`); another community's meeting answers 403
  whatever the URL, the same as one that does not exist.
- Creating needs "add roundtable meeting"; editing, moving a meeting on, minutes,
  resolutions and updates need "change roundtable meeting".
- Moderating proposals needs "change agenda proposal".
- A proposer's contact details need "Can see the contact details agenda proposers
  left"; they are erased when the minutes are published.
"""

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import HttpResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.models import Locale

from notices.models import communities_for
from participation.roundtables.forms import (
    AcceptForm,
    DeclineForm,
    DeferForm,
    MergeForm,
    MinutesForm,
    ResolutionForm,
    RoundtableForm,
    UpdateForm,
)
from participation.roundtables.meetings import (
    RoundtableError,
    advance,
    next_state,
    publish_minutes,
    refusal,
)
from participation.roundtables.models import (
    AgendaProposal,
    MeetingKind,
    MeetingState,
    ProposalStatus,
    Resolution,
    Roundtable,
)
from participation.roundtables.proposals import accept, decline, defer, merge
from participation.roundtables.resolutions import add_resolution, follow_up
from participation.staff import (
    IdChoiceFilter,
    RecordScreen,
    ScopedIndexView,
    ScopedViewSet,
    StaffScreen,
    has_permission,
    one_or_denied,
    policy_for,
)


def can_enter(user) -> bool:
    return policy_for(Roundtable).user_has_any_permission(user, ["view", "change"])


def can_add(user) -> bool:
    return has_permission(user, "add_roundtable")


def can_manage(user) -> bool:
    return has_permission(user, "change_roundtable")


def can_moderate(user) -> bool:
    return has_permission(user, "change_agendaproposal")


def can_see_contact(user) -> bool:
    return has_permission(user, "view_proposer_contact")


def meetings_for_staff(user) -> QuerySet:
    return policy_for(Roundtable).instances_user_has_any_permission_for(
        user, ["view", "add", "change"]
    )


def meeting_for(user, meeting_id: int) -> Roundtable:
    meetings = meetings_for_staff(user).select_related("community")
    return one_or_denied(meetings, meeting_id)


def part_of_meeting(model: type[AgendaProposal | Resolution], user, pk: int):
    """A proposal or resolution, seen through its meeting: 403 unless the user may
    see the meeting, as for the meeting itself."""
    records = model.objects.filter(meeting__in=meetings_for_staff(user))
    return one_or_denied(records.select_related("meeting"), pk)


class RoundtableScreen(StaffScreen):
    index_url_name = "participation_roundtables:list"
    index_label = gettext_lazy("Roundtables")

    def may_enter(self, user) -> bool:
        return can_enter(user)


class MeetingDetailView(RoundtableScreen, RecordScreen, TemplateView):
    """One meeting: its state, the proposals to moderate, minutes, resolutions."""

    template_name = "participation/roundtable_admin_detail.html"
    rule_error = RoundtableError

    def load(self) -> None:
        self.meeting = meeting_for(self.request.user, self.kwargs["meeting_id"])

    def get_page_title(self):
        return self.meeting.title

    def record_url(self) -> str:
        return reverse("participation_roundtables:detail", args=[self.meeting.pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        meeting = self.meeting
        proposals = list(
            meeting.proposals.select_related("merged_into", "deferred_from").order_by(
                "status", "position", "created_at"
            )
        )
        bound = kwargs.get("bound")  # (proposal pk, action, form) after a refusal
        rows = []
        for proposal in proposals:
            forms = {}
            if proposal.status in (ProposalStatus.SUBMITTED, ProposalStatus.ACCEPTED):
                forms = {
                    "accept": AcceptForm(
                        prefix=f"p{proposal.pk}",
                        initial={
                            "topic": proposal.topic,
                            "description": proposal.description,
                        },
                    ),
                    "merge": MergeForm(prefix=f"p{proposal.pk}", proposal=proposal),
                    "defer": DeferForm(prefix=f"p{proposal.pk}", proposal=proposal),
                    "decline": DeclineForm(prefix=f"p{proposal.pk}"),
                }
                if bound and bound[0] == proposal.pk:
                    forms[bound[1]] = bound[2]
            rows.append({"proposal": proposal, "forms": forms})
        resolutions = list(
            meeting.resolutions.select_related("proposal").prefetch_related("updates")
        )
        update_forms = {
            resolution.pk: UpdateForm(prefix=f"r{resolution.pk}")
            for resolution in resolutions
        }
        if kwargs.get("update_bound"):
            pk, form = kwargs["update_bound"]
            update_forms[pk] = form
        for resolution in resolutions:
            resolution.update_form = update_forms[resolution.pk]
        upcoming_state = next_state(meeting)
        context.update(
            meeting=meeting,
            rows=rows,
            resolutions=resolutions,
            next_state=upcoming_state,
            next_state_label=dict(MeetingState.choices).get(upcoming_state),
            not_yet=refusal(meeting),
            may_manage=can_manage(user),
            may_moderate=can_moderate(user),
            show_contact=can_see_contact(user),
            advance_error=kwargs.get("advance_error"),
            minutes_form=kwargs.get("minutes_form")
            or MinutesForm(
                initial={
                    "summary": meeting.minutes_summary,
                    "attendance_count": meeting.attendance_count,
                    "organisations": meeting.participant_organisations,
                }
            ),
            resolution_form=kwargs.get("resolution_form")
            or ResolutionForm(meeting=meeting),
            MeetingState=MeetingState,
        )
        return context

    def post(self, request, *args, **kwargs):
        action = kwargs.get("action", "")
        handlers = {
            "advance": (can_manage, self.advance),
            "minutes": (can_manage, self.minutes),
            "resolution": (can_manage, self.resolution),
        }
        if action not in handlers:
            raise PermissionDenied
        allowed, handler = handlers[action]
        if not allowed(request.user):
            raise PermissionDenied
        return handler(request)

    def advance(self, request) -> HttpResponse:
        try:
            advance(self.meeting, request.POST.get("to_state", ""))
        except RoundtableError as error:
            return self.refused(advance_error=error.message)
        return self.done(_("The meeting moved on."))

    def minutes(self, request) -> HttpResponse:
        form = MinutesForm(request.POST)

        def rule(data: dict) -> str:
            publish_minutes(
                self.meeting,
                summary=data["summary"],
                attendance_count=data["attendance_count"],
                organisations=data["organisations"],
            )
            return _("Minutes published.")

        return self.act(form, rule, minutes_form=form)

    def resolution(self, request) -> HttpResponse:
        form = ResolutionForm(request.POST, meeting=self.meeting)

        def rule(data: dict) -> str:
            add_resolution(
                self.meeting,
                text=data["text"],
                owner=data["owner"],
                due_date=data["due_date"],
                proposal=data["proposal"],
                report_references=data["report_references"],
            )
            return _("Resolution recorded.")

        return self.act(form, rule, resolution_form=form)


class ProposalActionView(MeetingDetailView):
    """Accept, merge, defer or decline one proposal (POST only)."""

    http_method_names = ["post"]

    def may_use(self, user) -> bool:
        return can_moderate(user)

    def load(self) -> None:
        self.proposal = part_of_meeting(
            AgendaProposal, self.request.user, self.kwargs["proposal_id"]
        )
        self.meeting = self.proposal.meeting

    def post(self, request, *args, **kwargs):
        action = kwargs["action"]
        proposal = self.proposal
        prefix = f"p{proposal.pk}"
        forms = {
            "accept": lambda: AcceptForm(request.POST, prefix=prefix),
            "merge": lambda: MergeForm(request.POST, prefix=prefix, proposal=proposal),
            "defer": lambda: DeferForm(request.POST, prefix=prefix, proposal=proposal),
            "decline": lambda: DeclineForm(request.POST, prefix=prefix),
        }
        if action not in forms:
            raise PermissionDenied
        form = forms[action]()

        def rule(data: dict) -> str:
            if action == "accept":
                accept(
                    proposal,
                    minutes_allotted=data["minutes_allotted"],
                    position=data["position"],
                    topic=data["topic"],
                    description=data["description"],
                    by=request.user,
                )
                message = _("%(reference)s is on the agenda.")
            elif action == "merge":
                merge(proposal, data["into"], by=request.user)
                message = _("%(reference)s merged.")
            elif action == "defer":
                defer(proposal, data["to_meeting"], by=request.user)
                message = _("%(reference)s moved to the later meeting.")
            else:
                decline(proposal, data["reason"], by=request.user)
                message = _("%(reference)s declined; the reason is public.")
            return message % {"reference": proposal.reference}

        return self.act(form, rule, bound=(proposal.pk, action, form))


class ResolutionUpdateView(MeetingDetailView):
    """Add a follow-up update to a resolution (POST only)."""

    http_method_names = ["post"]

    def may_use(self, user) -> bool:
        return can_manage(user)

    def load(self) -> None:
        self.resolution_obj = part_of_meeting(
            Resolution, self.request.user, self.kwargs["resolution_id"]
        )
        self.meeting = self.resolution_obj.meeting

    def post(self, request, *args, **kwargs):
        resolution = self.resolution_obj
        form = UpdateForm(request.POST, prefix=f"r{resolution.pk}")

        def rule(data: dict) -> str:
            follow_up(
                resolution,
                text=data["text"],
                status=data["status"],
                day=data["date"],
                by=request.user,
            )
            return _("Update recorded.")

        return self.act(form, rule, update_bound=(resolution.pk, form))


# The meetings' listing, creation and editing.


def staff_communities(request) -> QuerySet:
    return communities_for(request.user).filter(locale=Locale.get_default())


class MeetingFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label=gettext_lazy("State"), choices=MeetingState.choices
    )
    kind = django_filters.ChoiceFilter(
        label=gettext_lazy("Kind of meeting"), choices=MeetingKind.choices
    )
    community = IdChoiceFilter(
        label=gettext_lazy("Community"), queryset=staff_communities
    )
    starts_at = django_filters.DateFromToRangeFilter(label=gettext_lazy("Starts"))

    class Meta:
        model = Roundtable
        fields = ["state", "kind", "community", "starts_at"]


class MeetingIndexView(ScopedIndexView):
    """Meetings of the user's communities, the latest first, with the proposals
    waiting for moderation; each title opens the meeting's page."""

    export_verb = "roundtables.export"

    def get_base_queryset(self):
        submitted = Q(proposals__status=ProposalStatus.SUBMITTED)
        waiting = Count("proposals", filter=submitted)
        meetings = super().get_base_queryset().select_related("community")
        return meetings.annotate(waiting=waiting)

    def get_edit_url(self, instance):
        return reverse("participation_roundtables:detail", args=[instance.pk])


class RoundtableViewSet(ScopedViewSet):
    """Roundtable meetings; each one's agenda, minutes and resolutions are kept on
    its own page (`MeetingDetailView`), which a generic view cannot be."""

    model = Roundtable
    icon = "clipboard-list"
    menu_label = gettext_lazy("Roundtables")
    menu_order = 340
    add_to_admin_menu = True
    base_url_path = "roundtables"
    admin_url_namespace = "participation_roundtables"
    index_view_class = MeetingIndexView
    filterset_class = MeetingFilterSet
    inspect_view_enabled = False
    ordering = ["-starts_at", "-pk"]
    export_filename = "roundtables"
    list_display = [
        "title",
        Column("community", label=gettext_lazy("Community")),
        DateColumn("starts_at", label=gettext_lazy("Starts")),
        Column("state", label=gettext_lazy("State"), accessor="get_state_display"),
        Column("waiting", label=gettext_lazy("Proposals waiting")),
    ]
    list_export = ["title", "community", "kind", "starts_at", "place", "state"]
    edit_handler = ObjectList(
        [
            FieldPanel("community"),
            FieldPanel("kind"),
            FieldPanel("title"),
            FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
            FieldPanel("place"),
            FieldPanel("convenor"),
            FieldPanel("standing_participants"),
            FieldPanel("invited_participants"),
            FieldPanel("invited_note"),
        ],
        base_form_class=RoundtableForm,
    )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<id:meeting_id>/", MeetingDetailView.as_view(), name="detail"),
            path(
                "<id:meeting_id>/<str:action>/",
                MeetingDetailView.as_view(),
                name="action",
            ),
            path(
                "proposal/<id:proposal_id>/<str:action>/",
                ProposalActionView.as_view(),
                name="proposal",
            ),
            path(
                "resolution/<id:resolution_id>/update/",
                ResolutionUpdateView.as_view(),
                name="resolution_update",
            ),
        ]
