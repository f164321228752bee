"""Staff sign-in (portal/two_factor.py): wrong passwords lock a user name out from one
connection, and 2-step verification with an authenticator app."""

import pytest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.models import AuditEntry
from tests.factories import UserFactory
from tests.portal.conftest import PASSWORD, sign_in

pytestmark = pytest.mark.django_db


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def with_app(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def test_wrong_passwords_lock_the_account_out_for_that_connection(staff):
    client = Client(REMOTE_ADDR="203.0.113.7")
    for _attempt in range(5):
        sign_in(client, "zhangsan", "wrong-password-guess")
    response = sign_in(client, "zhangsan", PASSWORD)
    assert response.status_code == 429
    assert "paused" in response.content.decode() or "暂停" in response.content.decode()
    assert not signed_in(client)
    # Someone else in another place is not locked out with them.
    elsewhere = Client(REMOTE_ADDR="198.51.100.9")
    assert sign_in(elsewhere, "zhangsan", PASSWORD).status_code == 302
    assert signed_in(elsewhere)


def test_a_correct_password_before_the_limit_signs_in(staff):
    client = Client(REMOTE_ADDR="203.0.113.8")
    for _attempt in range(4):
        sign_in(client, "zhangsan", "wrong-password-guess")
    assert sign_in(client, "zhangsan", PASSWORD).status_code == 302
    assert signed_in(client)


def test_staff_with_an_app_must_enter_its_code_before_any_admin_page(staff):
    device = with_app(staff)
    client = Client()
    client.force_login(staff)
    for url in ("/admin/", "/admin/reports/", "/admin/pages/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/two-step/verify/")
    wrong = client.post(
        "/admin/two-step/verify/", {"code": "000000", "next": "/admin/pages/"}
    )
    assert wrong.status_code == 400
    # Straight after a wrong code even the right one must wait (django-otp's pause).
    too_soon = client.post(
        "/admin/two-step/verify/",
        {"code": current_code(device), "next": "/admin/pages/"},
    )
    assert too_soon.status_code == 400
    assert client.get("/admin/pages/").status_code == 302
    device.refresh_from_db()
    device.throttle_reset()  # the pause is over
    right = client.post(
        "/admin/two-step/verify/",
        {"code": current_code(device), "next": "/admin/pages/"},
    )
    assert right.status_code == 302 and right["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200


def test_verification_never_redirects_to_another_site(staff):
    device = with_app(staff)
    client = Client()
    client.force_login(staff)
    response = client.post(
        "/admin/two-step/verify/",
        {"code": current_code(device), "next": "https://evil.example/"},
    )
    assert response["Location"] == "/admin/"


def test_staff_add_an_authenticator_app_by_confirming_one_code(staff):
    client = Client()
    client.force_login(staff)
    page = client.get("/admin/two-step/add/").content.decode()
    assert "<svg" in page
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    bad = client.post("/admin/two-step/add/", {"code": "12345x"})
    assert bad.status_code == 400
    client.post("/admin/two-step/add/", {"code": current_code(device)})
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEntry.objects.filter(verb="user.2fa.add", user=staff).exists()
    # The session that set it up counts as verified.
    assert client.get("/admin/").status_code == 200


def test_when_required_staff_without_an_app_are_sent_to_add_one(staff, settings):
    settings.PORTAL_STAFF_2FA_REQUIRED = True
    client = Client()
    client.force_login(staff)
    response = client.get("/admin/reports/")
    assert response["Location"].startswith("/admin/two-step/add/")
    assert client.get("/admin/two-step/add/").status_code == 200


def test_an_administrator_removes_the_app_of_someone_who_lost_their_phone(staff):
    colleague = UserFactory(is_staff=True, username="lisi")
    colleague.save()
    lost = with_app(colleague)
    client = Client()
    client.force_login(staff)
    page = client.get(f"/admin/two-step/user/{colleague.pk}/")
    assert "phone" in page.content.decode()
    client.post(f"/admin/two-step/user/{colleague.pk}/", {"remove": lost.pk})
    assert not TOTPDevice.objects.filter(user=colleague).exists()
    assert AuditEntry.objects.filter(verb="user.2fa.remove", user=staff).exists()


def test_staff_cannot_manage_someone_elses_app(bilingual_site):
    from django.contrib.auth.models import Permission

    plain = UserFactory(is_staff=True, username="wangwu")
    plain.save()
    plain.user_permissions.add(Permission.objects.get(codename="access_admin"))
    other = UserFactory(is_staff=True, username="zhaoliu")
    other.save()
    device = with_app(other)
    client = Client()
    client.force_login(plain)
    response = client.post(f"/admin/two-step/user/{other.pk}/", {"remove": device.pk})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert TOTPDevice.objects.filter(pk=device.pk).exists()
