"""The public honour roll (志愿者光荣榜): volunteers who opted in, with a masked name,
their team, their community and their hours; nothing else leaves here."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum
from wagtail.models import Page

from notices.models import CommunityPage
from participation.languages import localized_communities, source_of
from participation.submissions import mask_name
from participation.volunteers.models import SignUpStatus, VolunteerSignUp, VolunteerTeam
from participation.volunteers.service import tenths
from participation.volunteers.teams import localized_teams


@dataclass
class HonourRollEntry:
    masked_name: str
    team: VolunteerTeam
    community: Page | None
    hours: Decimal


def honour_roll(community: CommunityPage | None = None, limit: int = 100) -> list:
    """Approved volunteers who opted in and served, most hours first.

    Only a masked name, the team, the community and hours: nothing else leaves here.
    """
    signups = VolunteerSignUp.objects.filter(
        honour_roll=True, status=SignUpStatus.APPROVED
    )
    if community is not None:
        signups = signups.filter(community=source_of(community))
    rows = list(
        signups.annotate(total_hours=Sum("service_entries__hours"))
        .filter(total_hours__gt=0)
        .select_related("team")
        .order_by("-total_hours", "pk")[:limit]
    )
    teams = localized_teams(list({row.team_id: row.team for row in rows}.values()))
    communities = localized_communities(row.community_id for row in rows)
    return [
        HonourRollEntry(
            masked_name=mask_name(row.name),
            team=teams[row.team_id],
            community=communities.get(row.community_id),
            hours=tenths(row.total_hours),
        )
        for row in rows
    ]
