"""Staff side of agenda proposals (议题征集) across meetings: a Wagtail viewset to find,
filter, inspect and export them; each is moderated on its meeting's page
(participation/roundtables/admin_views.py), where the agenda is put together.

Who sees which proposals is `AgendaProposalPolicy`'s: those of meetings in the
user's communities. A proposer's contact details need "Can see the contact details
agenda proposers left" (and are erased once the minutes are published).
"""

import django_filters
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn

from participation.roundtables.forms import DeclineForm
from participation.roundtables.models import AgendaProposal, ProposalStatus, Roundtable
from participation.roundtables.proposals import decline
from participation.staff import (
    IdChoiceFilter,
    PersonalColumn,
    RecordEditView,
    ScopedBulkAction,
    ScopedIndexView,
    ScopedInspectView,
    ScopedViewSet,
    policy_for,
)
from participation.submissions import mask_name, mask_phone


def staff_meetings(request) -> QuerySet:
    return policy_for(Roundtable).scope(
        request.user, Roundtable.objects.order_by("-starts_at")
    )


class ProposalFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ProposalStatus.choices
    )
    meeting = IdChoiceFilter(label=_("Meeting"), queryset=staff_meetings)

    class Meta:
        model = AgendaProposal
        fields = ["status", "meeting"]


class ProposalIndexView(ScopedIndexView):
    export_verb = "agenda-proposals.export"
    personal_fields = {"contact_name": mask_name, "contact_phone": mask_phone}

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("meeting")


class ProposalInspectView(ScopedInspectView):
    """One proposal; moderation happens on its meeting's page, linked from here."""

    personal_fields = ("contact_name", "contact_phone")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["meeting_url"] = reverse(
            "participation_roundtables:detail", args=[self.object.meeting_id]
        )
        return context


class DeclineProposals(ScopedBulkAction):
    """Decline the chosen proposals with one public reason (e.g. a run of
    duplicates); those already decided stay as they are."""

    display_name = _("Decline")
    action_type = "decline"
    aria_label = _("Decline the selected proposals")
    question = _("Decline these proposals? The reason is public.")
    form_class = DeclineForm
    models = [AgendaProposal]

    def act_on(self, record: AgendaProposal) -> None:
        reason = self.cleaned_form.cleaned_data["reason"]
        decline(record, reason, by=self.request.user)

    def get_success_message(self, num_parent_objects, num_child_objects):
        return _("%(done)d declined; %(left)d were already decided.") % {
            "done": num_parent_objects,
            "left": num_child_objects,
        }


class AgendaProposalViewSet(ScopedViewSet):
    model = AgendaProposal
    icon = "list-ul"
    menu_label = _("Agenda proposals")
    menu_order = 345
    add_to_admin_menu = True
    base_url_path = "agenda-proposals"
    admin_url_namespace = "participation_proposals"
    index_view_class = ProposalIndexView
    inspect_view_class = ProposalInspectView
    inspect_template_name = "participation/roundtable_admin_proposal.html"
    edit_view_class = RecordEditView
    filterset_class = ProposalFilterSet
    ordering = ["-created_at", "-pk"]
    export_filename = "agenda-proposals"
    list_display = [
        "reference",
        Column("topic", label=_("Topic")),
        Column("meeting", label=_("Meeting")),
        Column("status", label=_("Status"), accessor="get_status_display"),
        PersonalColumn("contact_name", label=_("Contact name"), mask=mask_name),
        DateColumn("created_at", label=_("Proposed")),
    ]
    list_export = [
        "reference",
        "topic",
        "description",
        "meeting",
        "get_status_display",
        "contact_name",
        "contact_phone",
        "public_reason",
        "created_at",
    ]
    export_headings = {
        "reference": _("Reference code"),
        "topic": _("Topic"),
        "description": _("Description"),
        "meeting": _("Meeting"),
        "get_status_display": _("Status"),
        "contact_name": _("Contact name"),
        "contact_phone": _("Contact phone"),
        "public_reason": _("Public reason"),
        "created_at": _("Proposed"),
    }
    inspect_view_fields = [
        "reference",
        "meeting",
        "topic",
        "description",
        "status",
        "public_reason",
        "contact_name",
        "contact_phone",
        "created_at",
    ]
