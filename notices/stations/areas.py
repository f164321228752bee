"""Staff roles where they meet the station directory (the role table and its syncing
live in portal/roles.py).

Area assignments: station staff edit the station pages of the areas an administrator
assigns them (`AreaAssignment`; changes go to the bureau's approval, see
`notices.stations.permissions.grant_community_editing`). Editors' areas: an editor
bound to an area may only draft notices and events inside it (`area_allows`, enforced
by the page hooks in notices/wagtail_hooks.py).
"""

from django.core.exceptions import PermissionDenied
from wagtail.models import Page

from notices.models import (
    AreaAssignment,
    CommunityPage,
    DistrictPage,
    EventPage,
    NoticePage,
    Scope,
    StationIndexPage,
    SubdistrictPage,
)
from notices.stations.permissions import (
    community_editors_group,
    grant_community_editing,
)
from portal.params import parse_id
from portal.roles import EDITOR, ROLES, STATION_STAFF

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


# Editors' area: which notices and events an area-bound editor may touch.


def is_citywide(user) -> bool:
    """Superusers, citywide roles, and anyone assigned to the station directory."""
    if user.is_superuser:
        return True
    citywide_groups = [role.group for role in ROLES if not role.area_scoped]
    if user.groups.filter(name__in=citywide_groups).exists():
        return True
    directory_keys = StationIndexPage.objects.values("translation_key")
    return AreaAssignment.objects.filter(
        user=user, area__translation_key__in=directory_keys
    ).exists()


def is_area_editor(user) -> bool:
    """An editor whose page edits are limited to their area."""
    return (
        user.is_authenticated
        and user.groups.filter(name=EDITOR.group).exists()
        and not is_citywide(user)
    )


def assigned_paths(user) -> list[str]:
    """Tree paths of the user's assigned areas and their translations."""
    keys = Page.objects.filter(
        pk__in=AreaAssignment.objects.filter(user=user).values("area")
    ).values("translation_key")
    return list(
        Page.objects.filter(translation_key__in=keys).values_list("path", flat=True)
    )


def within(paths: list[str], pages) -> bool:
    """Every page lies at or below one of the paths (and there is at least one)."""
    pages = [page for page in pages if page is not None]
    return bool(pages) and all(
        any(page.path.startswith(path) for path in paths) for page in pages
    )


def area_allows(
    user, model, *, scope=None, districts=(), communities=(), community=None
) -> bool:
    """May this area-bound editor create or keep a notice/event with these targets?

    Notices: citywide ones need a citywide editor; district notices need every
    district in the editor's area; community notices every community. Events: the
    station they are held at must be in the area; events elsewhere are citywide.
    Other pages (lists, catalogue, indexes) are citywide.
    """
    if not is_area_editor(user):
        return True
    paths = assigned_paths(user)
    if issubclass(model, NoticePage):
        if scope == Scope.DISTRICTS:
            return within(paths, districts)
        if scope == Scope.COMMUNITIES:
            return within(paths, communities)
        return False
    if issubclass(model, EventPage):
        return within(paths, [community])
    return False


def page_targets(page) -> dict:
    """The area targets a saved notice or event has now."""
    if isinstance(page, NoticePage):
        return {
            "scope": page.scope,
            "districts": [link.district for link in page.scope_districts.all()],
            "communities": [link.community for link in page.scope_communities.all()],
        }
    if isinstance(page, EventPage):
        return {"community": page.community}
    return {}


def posted_targets(model, data) -> dict:
    """The area targets a submitted notice/event form asks for."""

    def chosen(prefix: str, field_name: str) -> list:
        try:
            total = int(data.get(f"{prefix}-TOTAL_FORMS", "0"))
        except ValueError:
            total = 0
        ids = []
        for index in range(min(total, 500)):
            if data.get(f"{prefix}-{index}-DELETE"):
                continue
            pk = parse_id(data.get(f"{prefix}-{index}-{field_name}", ""))
            if pk is not None:
                ids.append(pk)
        return list(Page.objects.filter(pk__in=ids)) if ids else [None]

    if issubclass(model, NoticePage):
        return {
            "scope": data.get("scope", ""),
            "districts": chosen("scope_districts", "district"),
            "communities": chosen("scope_communities", "community"),
        }
    if issubclass(model, EventPage):
        pk = parse_id(data.get("community", ""))
        return {"community": Page.objects.filter(pk=pk).first() if pk else None}
    return {}


def refuse_outside_area(
    request, page_class: type, current=None, *, saving: bool = True
) -> None:
    """Raise PermissionDenied when an area-bound editor opens, saves (`saving`: a
    POST's targets count too) or deletes a notice or event outside their area."""
    user = request.user
    if not is_area_editor(user):
        return
    if current is not None and not area_allows(
        user, page_class, **page_targets(current)
    ):
        raise PermissionDenied
    if saving and request.method == "POST":
        posted = posted_targets(page_class, request.POST)
        if not area_allows(user, page_class, **posted):
            raise PermissionDenied
