"""Moving or copying a page is adding it somewhere, so only a user who may add pages
where it is may do either: editors and administrators, not approvers (whose work is
the sign-off) nor station staff (who edit their own page, not the directory's tree).

Wagtail asks only "may this user delete it?" before opening the move screen and
"may they edit it?" before the copy screen, and refuses at the destination later;
here the screens themselves are refused. The bureau's page models use this tester
(notices/stations/pages.py, community.py) or one built on it (scoping.py).
"""

from wagtail.models import PagePermissionTester


class AddingPagePermissionTester(PagePermissionTester):
    """Wagtail's page permissions; moving and copying only for those who may add
    pages where the page is."""

    def may_add_here(self) -> bool:
        if self.user.is_superuser:
            return True
        return self.user.is_active and "add" in self.permissions

    def can_move(self):
        return self.may_add_here() and super().can_move()

    def can_copy(self):
        return self.may_add_here() and super().can_copy()


class MovedByAddersPage:
    """Mixin for page models: moved and copied only by those who may add pages
    where they are (`AddingPagePermissionTester`)."""

    def permissions_for_user(self, user):
        return AddingPagePermissionTester(user, self)
