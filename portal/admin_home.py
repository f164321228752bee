"""The admin home's "Your work" panel: what waits for this user, in their areas.

Wagtail's own panels already list the pages awaiting the user's review and their own
pages in moderation, and the reports feature adds new and late reports; this panel
sums up the rest in one place (pages to review, today's registrations, volunteers
waiting, agenda proposals to moderate) with links, showing only what the user's role
may open.
"""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import Page, TaskState
from wagtail.permissions import policy_registry


@dataclass
class WorkItem:
    label: str
    count: int
    url: str


def pages_to_review(user) -> int:
    pages = policy_registry.get_by_type(Page)
    if not pages.user_has_any_permission(user, ["add", "change", "publish"]):
        return -1
    return TaskState.objects.reviewable_by(user).count()


def registrations_today(user) -> int:
    from participation.models import Registration
    from participation.views import admin_registrations

    if not admin_registrations.can_enter(user):
        return -1
    start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return Registration.objects.filter(
        event__in=admin_registrations.events_for_staff(user), created_at__gte=start
    ).count()


def volunteers_waiting(user) -> int:
    from participation.views import admin_volunteers

    if not admin_volunteers.can_enter(user):
        return -1
    return admin_volunteers.pending_count(user)


def proposals_to_moderate(user) -> int:
    from participation.models import AgendaProposal, ProposalStatus
    from participation.views import admin_roundtables

    if not (admin_roundtables.can_enter(user) and admin_roundtables.can_moderate(user)):
        return -1
    return AgendaProposal.objects.filter(
        meeting__in=admin_roundtables.meetings_for_staff(user),
        status=ProposalStatus.SUBMITTED,
    ).count()


def work_items(user) -> list[WorkItem]:
    """Each kind of waiting work the user may act on (-1 counts are left out)."""
    items = [
        WorkItem(
            _("Pages waiting for your review or sign-off"),
            pages_to_review(user),
            reverse("wagtailadmin_reports:workflow_tasks") + "?status=in_progress",
        ),
        WorkItem(
            _("Event registrations received today"),
            registrations_today(user),
            reverse("participation_registrations:index"),
        ),
        WorkItem(
            _("Volunteers waiting for a decision"),
            volunteers_waiting(user),
            reverse("participation_volunteers:index") + "?status=pending",
        ),
        WorkItem(
            _("Agenda proposals to moderate"),
            proposals_to_moderate(user),
            reverse("participation_roundtables:index"),
        ),
    ]
    return [item for item in items if item.count >= 0]


class YourWorkPanel(Component):
    """Counts of what waits for the user, each linking to the list to work through."""

    name = "portal_your_work"
    order = 30
    template_name = "portal/admin_your_work.html"

    def __init__(self, request):
        self.request = request

    def render_html(self, parent_context=None):
        items = work_items(self.request.user)
        return render_to_string(
            self.template_name,
            {"items": items, "anything": any(item.count for item in items)},
            self.request,
        )


def add_panel(request, panels) -> None:
    if request.user.has_perm("wagtailadmin.access_admin"):
        panels.append(YourWorkPanel(request))
