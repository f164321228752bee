"""Editors kept inside their area, on every page action Wagtail has.

An editor bound to an area (an `AreaAssignment` to a community, subdistrict or
district, and no citywide role) works only on notices and events of that area. Every
admin view of a page (edit, view draft, preview, revisions and their compare and
revert, history, copy, move, lock, unpublish, delete, workflow actions) asks
`page.permissions_for_user(user)`; pages of the bureau answer with
`AreaPagePermissionTester`, which refuses all of them on a page outside the editor's
area. Which areas a page concerns is the page's own answer (`area_targets()`:
the districts or communities a notice names, the station an event is held at, or
None for citywide pages).

This module imports no page model of news or lists, so their models can use it.
"""

from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from notices.stations.assignments import AreaAssignment
from notices.stations.moving import AddingPagePermissionTester
from notices.stations.pages import StationIndexPage
from portal.params import parse_id
from portal.roles import EDITOR, ROLES

OUTSIDE_AREA = _(
    "You work for %(areas)s: choose districts or communities inside your area."
)


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
    """An editor whose page work is limited to their area."""
    return (
        user.is_authenticated
        and user.groups.filter(name=EDITOR.group).exists()
        and not is_citywide(user)
    )


def assigned_areas(user):
    """The user's assigned areas and their translations."""
    keys = Page.objects.filter(
        pk__in=AreaAssignment.objects.filter(user=user).values("area")
    ).values("translation_key")
    return Page.objects.filter(translation_key__in=keys)


def assigned_paths(user) -> list[str]:
    """Tree paths of the user's assigned areas and their translations."""
    return list(assigned_areas(user).values_list("path", flat=True))


def within(paths: list[str], pages: Iterable) -> bool:
    """Every page lies at or below one of the paths (and there is at least one)."""
    pages = [page for page in pages if page is not None]
    return bool(pages) and all(
        any(page.path.startswith(path) for path in paths) for page in pages
    )


def allows(user, targets: list | None) -> bool:
    """May `user` work on a page concerning `targets` (None: citywide)?"""
    if not is_area_editor(user):
        return True
    return targets is not None and within(assigned_paths(user), targets)


def receives(user, destination) -> bool:
    """May `user` put a page (moved or copied) under `destination`? An area editor
    only under a page of their area, or under an index that holds pages of every
    area (notices, events), where each page keeps the areas it names."""
    if not is_area_editor(user):
        return True
    specific = destination.specific_deferred
    if getattr(specific, "holds_every_area", False):
        return True
    if not isinstance(specific, AreaScopedPage):
        return False
    return allows(user, specific.area_targets())


def area_error(user) -> str:
    """The form error an area editor gets for targets outside their area."""
    names = "、".join(sorted({page.title for page in assigned_areas(user)})) or "—"
    return OUTSIDE_AREA % {"areas": names}


def impossible_ids_emptied(data, is_area_field):
    """Posted form data with the area choices that can name no page ("²", a number
    past any id) emptied, so the form reports a missing choice instead of Wagtail's
    page chooser failing to draw them back into the form."""
    if data is None:
        return data
    bad = [
        name
        for name in data
        if is_area_field(name) and data.get(name) and parse_id(data.get(name)) is None
    ]
    if not bad:
        return data
    data = data.copy()
    for name in bad:
        data[name] = ""
    return data


class AreaPagePermissionTester(AddingPagePermissionTester):
    """Wagtail's page permissions, minus everything on a page outside an area
    editor's area. Adding a child is left alone: the child's own targets are checked
    by its form (`allows`).

    Moving and copying as `AddingPagePermissionTester` allows (those who may add
    pages where the page is), and only to a destination that `receives` it."""

    def __init__(self, user, page):
        super().__init__(user, page)
        self.inside = allows(user, page.area_targets())

    def can_edit(self):
        return self.inside and super().can_edit()

    def can_delete(self, ignore_bulk=False):
        return self.inside and super().can_delete(ignore_bulk=ignore_bulk)

    def can_unpublish(self):
        return self.inside and super().can_unpublish()

    def can_publish(self):
        return self.inside and super().can_publish()

    def can_submit_for_moderation(self):
        return self.inside and super().can_submit_for_moderation()

    def can_lock(self):
        return self.inside and super().can_lock()

    def can_unlock(self):
        return self.inside and super().can_unlock()

    def can_reorder_children(self):
        return self.inside and super().can_reorder_children()

    def can_move(self):
        return self.inside and super().can_move()

    def can_copy(self):
        return self.inside and super().can_copy()

    def can_move_to(self, destination):
        return (
            self.inside
            and receives(self.user, destination)
            and super().can_move_to(destination)
        )

    def can_copy_to(self, destination, recursive=False):
        return (
            self.inside
            and receives(self.user, destination)
            and super().can_copy_to(destination, recursive=recursive)
        )

    def can_view_revisions(self):
        return self.inside and super().can_view_revisions()


class AreaScopedPage:
    """Mixin for the bureau's page models: their permissions follow their areas."""

    # An index whose children each name their own areas (notices, events): area
    # editors may add, move and copy their pages into it.
    holds_every_area = False

    def area_targets(self) -> list | None:
        """The areas this page concerns; None for a citywide page."""
        return None

    def permissions_for_user(self, user):
        return AreaPagePermissionTester(user, self)
