"""What the portal tests share: a superuser, and signing in with the factories'
password."""

import pytest
from django.test import Client

from tests.factories import UserFactory

PASSWORD = "a-long-test-password"


@pytest.fixture
def staff(bilingual_site):
    """A superuser, zhangsan, who signs in with PASSWORD."""
    user = UserFactory(is_staff=True, is_superuser=True, username="zhangsan")
    user.save()
    return user


def sign_in(client: Client, username: str, password: str, **extra):
    return client.post(
        "/admin/login/", {"username": username, "password": password, **extra}
    )
