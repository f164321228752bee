"""Staff users for the tests of participation's admin screens (registrations,
volunteers, roundtables), and how those screens refuse them."""

from django.contrib.auth.models import Permission

from notices.models import AreaAssignment
from tests.factories import UserFactory


def staff_user(*codenames, area=None):
    """An admin user with these participation permissions, assigned to `area` (a
    community, district or the whole station directory) when one is given."""
    user = UserFactory(is_staff=True)
    user.save()  # the factory sets the password without saving it
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label="participation", codename__in=codenames
        ),
    )
    if area is not None:
        AreaAssignment.objects.create(user=user, area=area)
    return user


def refused(response) -> bool:
    """Wagtail's admin answers PermissionDenied by going back to the dashboard."""
    return response.status_code == 302 and response["Location"] == "/admin/"
