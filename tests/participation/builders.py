"""What the tests of registrations, volunteers and roundtables share: two
communities, staff users and how the admin refuses them, and the check that no
personal data reaches a public page."""

from django.contrib.auth.models import Permission

from notices.models import AreaAssignment
from tests.conftest import translate
from tests.factories import UserFactory
from tests.notices.station_builders import small_tree


def two_communities(site) -> dict:
    """黄河社区 ("here", translated with its parents) and 滨湖社区 ("there") in one
    station directory ("directory")."""
    index, district, sub, (here, there) = small_tree(
        site, communities=2, staff_per_community=0, photos=False
    )
    for page in (index, district, sub, here):
        translate(page, site.en, title=f"EN {page.title}")
    return {"here": here, "there": there, "directory": index}


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


def assert_nothing_leaks(client, urls: list[str], secrets: tuple[str, ...]) -> None:
    """Every URL answers without a server error and shows none of the secrets."""
    for url in urls:
        response = client.get(url)
        assert response.status_code < 500, url
        text = response.content.decode("utf-8", "replace")
        for secret in secrets:
            assert secret not in text, f"{secret} leaked on {url}"
