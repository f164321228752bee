"""Staff roles where they meet the station directory (the role table and its syncing
live in portal/roles.py).

Area assignments: station staff edit the station pages of the areas an administrator
assigns them (`AreaAssignment`; changes go to the bureau's approval, see
`notices.stations.permissions.grant_community_editing`). Editors bound to an area
are kept inside it by the pages' own permissions (notices/stations/scoping.py).
"""

from django.db.models import Q, QuerySet
from wagtail.models import Page

from notices.models import (
    AreaAssignment,
    CommunityPage,
    DistrictPage,
    EventPage,
    NoticeCommunity,
    NoticeDistrict,
    NoticePage,
    Scope,
    SubdistrictPage,
)
from notices.stations.permissions import (
    community_editors_group,
    grant_community_editing,
)
from notices.stations.scoping import assigned_paths, is_area_editor
from portal.roles import STATION_STAFF

# Area assignments of station staff: page editing of their communities.


def apply_assignment(assignment) -> None:
    """After an administrator assigns a user to an area: station staff get to edit
    that area's station pages (edits go to the bureau's approval)."""
    user = assignment.user
    if not user.groups.filter(name=STATION_STAFF.group).exists():
        return
    area = assignment.area.specific
    if not _is_station_area(area):
        return
    grant_community_editing(area, user=user)


def revoke_assignment(assignment) -> None:
    """After an assignment is removed: the user leaves that area's editing group."""
    area = assignment.area
    group = community_editors_group(area)
    assignment.user.groups.remove(group)


def _is_station_area(page) -> bool:
    return isinstance(page, CommunityPage | SubdistrictPage | DistrictPage)


def apply_area_grants() -> int:
    """Re-apply every station staff member's page editing for their assigned areas
    (after new pages, e.g. demo data, or after people joined the role)."""
    count = 0
    for assignment in AreaAssignment.objects.filter(
        user__groups__name=STATION_STAFF.group
    ).select_related("user", "area"):
        apply_assignment(assignment)
        count += 1
    return count


# Editors' areas in page listings: the permissions refuse every action on a page
# outside the area (notices/stations/scoping.py); listings leave those pages out.


def pages_in_area(user, pages: QuerySet) -> QuerySet:
    """`pages` without the notices and events an area editor may not work on (the
    same rule as `AreaPagePermissionTester`: every district or community a notice
    names, or the station an event is held at, inside the area)."""
    if not is_area_editor(user):
        return pages
    inside = Q(pk__in=[])
    for path in assigned_paths(user):
        inside |= Q(path__startswith=path)
    areas = Page.objects.filter(inside)
    stray_communities = NoticeCommunity.objects.exclude(community__in=areas)
    stray_districts = NoticeDistrict.objects.exclude(district__in=areas)
    notices = NoticePage.objects.filter(
        Q(scope=Scope.COMMUNITIES, scope_communities__isnull=False)
        & ~Q(pk__in=stray_communities.values("page_id"))
        | Q(scope=Scope.DISTRICTS, scope_districts__isnull=False)
        & ~Q(pk__in=stray_districts.values("page_id"))
    )
    events = EventPage.objects.filter(community__in=areas)
    scoped = Q(pk__in=NoticePage.objects.values("pk")) | Q(
        pk__in=EventPage.objects.values("pk")
    )
    return pages.filter(
        ~scoped | Q(pk__in=notices.values("pk")) | Q(pk__in=events.values("pk"))
    )
