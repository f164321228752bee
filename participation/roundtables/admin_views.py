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

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

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
)
from participation.roundtables.models import (
    AgendaProposal,
    MeetingState,
    ProposalStatus,
    Resolution,
    Roundtable,
)
from participation.roundtables.proposals import accept, decline, defer, merge
from participation.roundtables.resolutions import add_resolution, follow_up


def can_enter(user) -> bool:
    return user.is_active and (
        user.is_superuser or user.has_perm("participation.view_roundtable")
    )


def can_add(user) -> bool:
    return user.is_superuser or user.has_perm("participation.add_roundtable")


def can_manage(user) -> bool:
    return user.is_superuser or user.has_perm("participation.change_roundtable")


def can_moderate(user) -> bool:
    return user.is_superuser or user.has_perm("participation.change_agendaproposal")


def can_see_contact(user) -> bool:
    return user.is_superuser or user.has_perm("participation.view_proposer_contact")


def meetings_for_staff(user) -> QuerySet:
    if not can_enter(user):
        return Roundtable.objects.none()
    return Roundtable.objects.filter(community__in=communities_for(user))


def meeting_for(user, meeting_id: int) -> Roundtable:
    meeting = (
        meetings_for_staff(user)
        .filter(pk=meeting_id)
        .select_related("community")
        .first()
    )
    if meeting is None:
        # Outside the user's communities, or no such meeting: the same answer.
        raise PermissionDenied
    return meeting


class StaffMixin(WagtailAdminTemplateMixin):
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        if not can_enter(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def index_breadcrumbs(self) -> list[dict]:
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("participation_roundtables:index"),
                "label": _("Roundtables"),
            },
        ]


class MeetingListView(StaffMixin, TemplateView):
    """Meetings of the user's communities, with proposals waiting for moderation."""

    page_title = gettext_lazy("Roundtables")
    template_name = "participation/roundtable_admin_list.html"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        past = self.request.GET.get("past") == "1"
        now = timezone.now()
        meetings = (
            meetings_for_staff(self.request.user)
            .select_related("community")
            .annotate(
                waiting=Count(
                    "proposals", filter=Q(proposals__status=ProposalStatus.SUBMITTED)
                )
            )
        )
        meetings = (
            meetings.filter(ends_at__lt=now).order_by("-starts_at")
            if past
            else meetings.filter(ends_at__gte=now).order_by("starts_at")
        )
        context.update(
            meetings=meetings[:200],
            showing_past=past,
            may_add=can_add(self.request.user),
        )
        return context


class MeetingFormView(StaffMixin, TemplateView):
    """Create a meeting (no id) or edit one (with id)."""

    template_name = "participation/roundtable_admin_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not can_enter(request.user):
            raise PermissionDenied
        meeting_id = kwargs.get("meeting_id")
        if meeting_id is None:
            if not can_add(request.user):
                raise PermissionDenied
            self.meeting = None
        else:
            if not can_manage(request.user):
                raise PermissionDenied
            self.meeting = meeting_for(request.user, meeting_id)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.meeting.title if self.meeting else _("New meeting")

    def get_breadcrumbs_items(self):
        return [*self.index_breadcrumbs(), {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault(
            "form",
            kwargs.get("form")
            or RoundtableForm(instance=self.meeting, user=self.request.user),
        )
        context["meeting"] = self.meeting
        return context

    def post(self, request, *args, **kwargs):
        form = RoundtableForm(request.POST, instance=self.meeting, user=request.user)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        meeting = form.save(commit=False)
        if meeting.pk is None:
            meeting.created_by = request.user
        meeting.save()
        messages.success(request, _("Meeting saved."))
        return redirect("participation_roundtables:detail", meeting.pk)


class MeetingDetailView(StaffMixin, TemplateView):
    """One meeting: its state, the proposals to moderate, minutes, resolutions."""

    template_name = "participation/roundtable_admin_detail.html"

    def dispatch(self, request, *args, **kwargs):
        if not can_enter(request.user):
            raise PermissionDenied
        self.meeting = meeting_for(request.user, kwargs["meeting_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.meeting.title

    def get_breadcrumbs_items(self):
        return [*self.index_breadcrumbs(), {"url": "", "label": self.meeting.title}]

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

    def refused(self, **kwargs) -> HttpResponse:
        return self.render_to_response(self.get_context_data(**kwargs), status=400)

    def done(self, message: str) -> HttpResponse:
        messages.success(self.request, message)
        return redirect("participation_roundtables:detail", self.meeting.pk)

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
        if not form.is_valid():
            return self.refused(minutes_form=form)
        data = form.cleaned_data
        try:
            publish_minutes(
                self.meeting,
                summary=data["summary"],
                attendance_count=data["attendance_count"],
                organisations=data["organisations"],
            )
        except RoundtableError as error:
            error.show_on(form)
            return self.refused(minutes_form=form)
        return self.done(_("Minutes published."))

    def resolution(self, request) -> HttpResponse:
        form = ResolutionForm(request.POST, meeting=self.meeting)
        if not form.is_valid():
            return self.refused(resolution_form=form)
        data = form.cleaned_data
        try:
            add_resolution(
                self.meeting,
                text=data["text"],
                owner=data["owner"],
                due_date=data["due_date"],
                proposal=data["proposal"],
                report_references=data["report_references"],
            )
        except RoundtableError as error:
            error.show_on(form)
            return self.refused(resolution_form=form)
        return self.done(_("Resolution recorded."))


class ProposalActionView(MeetingDetailView):
    """Accept, merge, defer or decline one proposal (POST only)."""

    http_method_names = ["post"]

    def dispatch(self, request, *args, **kwargs):
        if not can_enter(request.user) or not can_moderate(request.user):
            raise PermissionDenied
        proposal = (
            AgendaProposal.objects.filter(
                pk=kwargs["proposal_id"],
                meeting__in=meetings_for_staff(request.user),
            )
            .select_related("meeting")
            .first()
        )
        if proposal is None:
            raise PermissionDenied
        self.proposal = proposal
        self.meeting = proposal.meeting
        return super(MeetingDetailView, self).dispatch(request, *args, **kwargs)

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
        if not form.is_valid():
            return self.refused(bound=(proposal.pk, action, form))
        data = form.cleaned_data
        try:
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
        except RoundtableError as error:
            error.show_on(form)
            return self.refused(bound=(proposal.pk, action, form))
        return self.done(message % {"reference": proposal.reference})


class ResolutionUpdateView(MeetingDetailView):
    """Add a follow-up update to a resolution (POST only)."""

    http_method_names = ["post"]

    def dispatch(self, request, *args, **kwargs):
        if not can_enter(request.user) or not can_manage(request.user):
            raise PermissionDenied
        resolution = (
            Resolution.objects.filter(
                pk=kwargs["resolution_id"],
                meeting__in=meetings_for_staff(request.user),
            )
            .select_related("meeting")
            .first()
        )
        if resolution is None:
            raise PermissionDenied
        self.resolution_obj = resolution
        self.meeting = resolution.meeting
        return super(MeetingDetailView, self).dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        resolution = self.resolution_obj
        form = UpdateForm(request.POST, prefix=f"r{resolution.pk}")
        if not form.is_valid():
            return self.refused(update_bound=(resolution.pk, form))
        data = form.cleaned_data
        try:
            follow_up(
                resolution,
                text=data["text"],
                status=data["status"],
                day=data["date"],
                by=request.user,
            )
        except RoundtableError as error:
            error.show_on(form)
            return self.refused(update_bound=(resolution.pk, form))
        return self.done(_("Update recorded."))
