"""Staff roles where they meet the station directory (the role table and its syncing
live in portal/roles.py).

Area assignments: station staff edit the station pages of the areas an administrator
assigns them (`AreaAssignment`; changes go to the bureau's approval, see
`notices.stations.permissions.grant_community_editing`). Editors bound to an area
are kept inside it by the pages' own permissions (notices/stations/scoping.py).
"""

from notices.models import (
    AreaAssignment,
    CommunityPage,
    DistrictPage,
    SubdistrictPage,
)
from notices.stations.permissions import (
    community_editors_group,
    grant_community_editing,
)
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
