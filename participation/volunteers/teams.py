"""Volunteer teams (志愿服务队): which take sign-ups, the places each has left, and
the public teams page. Teams are stored in the default language; see
participation/languages.py."""

from django.db.models import Count, Q, QuerySet
from wagtail.models import Locale

from notices.models import CommunityPage
from participation.languages import in_active_language, localized_communities
from participation.volunteers.models import (
    SignUpStatus,
    VolunteerSignUp,
    VolunteerTeam,
)


def localized_teams(teams: list[VolunteerTeam]) -> dict[int, VolunteerTeam]:
    """Each team in the active language where translated, keyed by the source pk."""
    return in_active_language(teams, VolunteerTeam.objects.all())


def recruiting_teams() -> QuerySet:
    """Teams in the default language that take sign-ups."""
    return VolunteerTeam.objects.filter(
        locale=Locale.get_default(), recruiting=True
    ).select_related("community")


def teams_for_community(community: CommunityPage) -> QuerySet:
    """Citywide teams and the community's own, in the default language."""
    return VolunteerTeam.objects.filter(
        Q(community__isnull=True) | Q(community=community),
        locale=Locale.get_default(),
    )


def places_taken(teams) -> dict[int, int]:
    """Approved volunteers per team (source pk)."""
    rows = (
        VolunteerSignUp.objects.filter(team__in=teams, status=SignUpStatus.APPROVED)
        .values("team")
        .annotate(total=Count("pk"))
    )
    return {row["team"]: row["total"] for row in rows}


def public_teams() -> list[dict]:
    """Every team, for the public teams page: numbers only, no people."""
    teams = list(
        VolunteerTeam.objects.filter(locale=Locale.get_default()).order_by(
            "sort_order", "name"
        )
    )
    taken = places_taken(teams)
    translated = localized_teams(teams)
    communities = localized_communities(
        team.community_id for team in teams if team.community_id
    )
    result = []
    for team in teams:
        left = max(team.places - taken.get(team.pk, 0), 0)
        result.append(
            {
                "team": translated[team.pk],
                "source_pk": team.pk,
                "community": communities.get(team.community_id),
                "places": team.places,
                "taken": taken.get(team.pk, 0),
                "left": left,
                "recruiting": team.recruiting and left > 0,
            }
        )
    return result
