"""Partners' keys in the admin (participation/api/admin_views.py): shown once, kept
only as a hash, revoked; only key managers reach the page."""

import pytest
from bs4 import BeautifulSoup

from participation.models import ApiKey
from participation.submissions import hash_token
from tests.participation.report_builders import denied, staff_user

pytestmark = pytest.mark.django_db


def test_api_keys_are_shown_once_and_stored_only_as_a_hash(client, django_user_model):
    boss = django_user_model.objects.create_superuser("boss", "b@example.org", "x" * 12)
    client.force_login(boss)
    response = client.post("/admin/open311-keys/", {"name": "12345热线平台"})
    soup = BeautifulSoup(response.content, "html.parser")
    key = soup.select_one("code").text
    stored = ApiKey.objects.get()
    assert stored.key_hash == hash_token(key) and key not in stored.key_hash
    assert key not in client.get("/admin/open311-keys/").content.decode()
    client.post("/admin/open311-keys/", {"revoke": str(stored.pk)})
    stored.refresh_from_db()
    assert not stored.is_active


def test_only_key_managers_reach_the_keys_page(client, world):
    client.force_login(staff_user(world.a, "view_report", "change_report"))
    assert denied(client.get("/admin/open311-keys/"))
