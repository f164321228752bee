"""Partners' keys in the admin (participation/api/admin_views.py): shown once, kept
only as a hash, revoked; only key managers reach the page."""

import pytest
from bs4 import BeautifulSoup

from participation.models import ApiKey, ReportEvent
from participation.submissions import hash_token
from tests.participation.report_builders import denied, make_report, staff_user

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


def test_a_key_issued_with_a_webhook_shows_its_signing_secret_once(
    client, django_user_model
):
    boss = django_user_model.objects.create_superuser("boss", "b@example.org", "x" * 12)
    client.force_login(boss)
    response = client.post(
        "/admin/open311-keys/",
        {"name": "12345热线平台", "webhook_url": "https://hotline.example.org/hook"},
    )
    soup = BeautifulSoup(response.content, "html.parser")
    secret = soup.select_one("code.webhook-secret").text
    stored = ApiKey.objects.get()
    assert stored.webhook_url == "https://hotline.example.org/hook"
    assert stored.webhook_secret == secret
    assert "no-store" in response["Cache-Control"]
    page = client.get("/admin/open311-keys/").content.decode()
    assert secret not in page and "https://hotline.example.org/hook" in page


def test_a_webhook_is_changed_with_a_new_secret_and_removed(client, django_user_model):
    boss = django_user_model.objects.create_superuser("boss", "b@example.org", "x" * 12)
    client.force_login(boss)
    client.post("/admin/open311-keys/", {"name": "12345"})
    stored = ApiKey.objects.get()
    assert stored.webhook_url == "" and stored.webhook_secret == ""
    response = client.post(
        "/admin/open311-keys/",
        {"key": str(stored.pk), "webhook_url": "https://partner.example.org/a"},
    )
    stored.refresh_from_db()
    shown = BeautifulSoup(response.content, "html.parser")
    assert shown.select_one("code.webhook-secret").text == stored.webhook_secret
    assert stored.webhook_url == "https://partner.example.org/a"
    response = client.post(
        "/admin/open311-keys/", {"key": str(stored.pk), "webhook_url": "ftp://x"}
    )
    assert response.status_code == 400
    client.post("/admin/open311-keys/", {"key": str(stored.pk), "webhook_url": ""})
    stored.refresh_from_db()
    assert stored.webhook_url == "" and stored.webhook_secret == ""


def test_the_latest_deliveries_are_listed_in_the_managers_language(
    client, world, django_user_model
):
    boss = django_user_model.objects.create_superuser("boss", "b@example.org", "x" * 12)
    client.force_login(boss)
    ApiKey.objects.create(
        name="12345热线平台",
        prefix="abcdefgh",
        key_hash=hash_token("raw"),
        webhook_url="https://hotline.example.org/hook",
        webhook_secret="s" * 64,
    )
    report = make_report(world.a).report
    # Recorded with the change; sent once it commits (not in this test).
    ReportEvent.objects.create(
        report=report, kind="state", from_state="submitted", to_state="accepted"
    )
    page = BeautifulSoup(client.get("/admin/open311-keys/").content, "html.parser")
    row = page.find("code", string=report.reference).find_parent("tr")
    cells = [cell.get_text(" ", strip=True) for cell in row.find_all("td")]
    assert cells[:4] == [
        "12345热线平台",
        report.reference,
        "已提交 → 已受理",
        "等待发送",
    ]
    assert "0 sent" not in page.text and "已送达 0 条" in page.text
