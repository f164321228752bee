"""Participation's rows of the admin home's "Your work" panel (portal/admin_home.py):
today's registrations, volunteers waiting, agenda proposals to moderate. A count of -1
means the user's role may not open that list, and the row is left out."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from participation.models import AgendaProposal, ProposalStatus, Registration
from participation.registrations import admin_views as admin_registrations
from participation.roundtables import admin_views as admin_roundtables
from participation.volunteers import admin_views as admin_volunteers
from portal.extensions import WorkItem


def registrations_today(user) -> int:
    if not admin_registrations.can_enter(user):
        return -1
    start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return Registration.objects.filter(
        event__in=admin_registrations.events_for_staff(user), created_at__gte=start
    ).count()


def volunteers_waiting(user) -> int:
    if not admin_volunteers.can_enter(user):
        return -1
    return admin_volunteers.pending_count(user)


def proposals_to_moderate(user) -> int:
    if not (admin_roundtables.can_enter(user) and admin_roundtables.can_moderate(user)):
        return -1
    return AgendaProposal.objects.filter(
        meeting__in=admin_roundtables.meetings_for_staff(user),
        status=ProposalStatus.SUBMITTED,
    ).count()


def work_items(user) -> list[WorkItem]:
    return [
        WorkItem(
            _("Event registrations received today"),
            registrations_today(user),
            reverse("participation_registrations:list"),
        ),
        WorkItem(
            _("Volunteers waiting for a decision"),
            volunteers_waiting(user),
            reverse("participation_volunteers:list") + "?status=pending",
        ),
        WorkItem(
            _("Agenda proposals to moderate"),
            proposals_to_moderate(user),
            reverse("participation_roundtables:list"),
        ),
    ]
