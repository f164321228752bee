"""What the portal tests share: a superuser, signing in with the factories'
password, and the role builders' city built once per module."""

import copy

import pytest
from django.test import Client

from tests.factories import UserFactory
from tests.portal.role_builders import City, build_city

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


@pytest.fixture(scope="module")
def shared_city(module_transaction) -> City:
    """The city of tests/portal/role_builders.py, built once for the module inside its
    transaction (tests/conftest.py): each test's writes are rolled back before the
    next test."""
    return build_city(module_transaction)


@pytest.fixture
def city(db, shared_city) -> City:
    """A copy of the module's city: a test's changes to its objects in memory stay
    in its copy."""
    return copy.deepcopy(shared_city)
