"""Hardening of the admin: sign-in throttling and lockout, password rules, session
expiry, 2-step verification, upload limits, and the admin's Content-Security-Policy."""

import re

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from participation.photos import PhotoError, clean_photo
from portal.models import AuditEntry
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script>'
    b'<rect width="10" height="10"/></svg>'
)


@pytest.fixture
def staff(bilingual_site):
    user = UserFactory(is_staff=True, is_superuser=True, username="zhangsan")
    user.save()
    return user


def sign_in(client: Client, username: str, password: str, **extra):
    return client.post(
        "/admin/login/", {"username": username, "password": password, **extra}
    )


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def with_app(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


# Sign-in


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


def test_staff_sessions_end_with_the_browser_and_within_a_working_day(staff):
    client = Client()
    sign_in(client, "zhangsan", PASSWORD)
    assert client.session.get_expire_at_browser_close()
    remembered = Client()
    sign_in(remembered, "zhangsan", PASSWORD, remember="on")
    assert 0 < remembered.session.get_expiry_age() <= 8 * 3600


@pytest.mark.parametrize(
    "password",
    ["short-pw-1", "123456789012345", "password12345", "zhangsan-zhangsan"],
)
def test_weak_passwords_are_refused(password):
    user = UserFactory.build(username="zhangsan-zhangsan")
    with pytest.raises(ValidationError):
        validate_password(password, user)


def test_a_long_uncommon_password_is_accepted():
    validate_password("湖边-晾晒-Seven-tulips-42")


# 2-step verification


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


# Uploads


def test_svg_is_refused_as_an_image_and_as_a_document(staff):
    client = Client()
    client.force_login(staff)
    client.post(
        "/admin/images/add/",
        {
            "title": "logo",
            "file": SimpleUploadedFile("logo.svg", SVG, "image/svg+xml"),
        },
    )
    client.post(
        "/admin/documents/add/",
        {
            "title": "logo",
            "file": SimpleUploadedFile("logo.svg", SVG, "image/svg+xml"),
        },
    )
    assert not get_image_model().objects.filter(title="logo").exists()
    assert not get_document_model().objects.filter(title="logo").exists()


def test_documents_above_the_size_limit_are_refused(staff, settings):
    client = Client()
    client.force_login(staff)
    big = b"%PDF-1.4\n" + b"0" * (settings.WAGTAILDOCS_MAX_UPLOAD_SIZE + 1)
    response = client.post(
        "/admin/documents/add/",
        {
            "title": "big",
            "file": SimpleUploadedFile("big.pdf", big, "application/pdf"),
        },
    )
    assert not get_document_model().objects.filter(title="big").exists()
    assert response.status_code == 200  # the form again, with the error


def test_report_photos_must_be_real_photos_not_svg():
    with pytest.raises(PhotoError):
        clean_photo(SimpleUploadedFile("photo.svg", SVG, "image/svg+xml"))


# The admin's Content-Security-Policy


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ") if part}


def test_sign_in_page_has_the_strict_policy(client, bilingual_site):
    policy = directives(client.get("/admin/login/"))
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]


STRICT_SCREENS = [
    "/admin/",
    "/admin/reports/",
    "/admin/volunteers/",
    "/admin/roundtables/",
    "/admin/event-registrations/",
    "/admin/open311-keys/",
    "/admin/two-step/",
]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>")


@pytest.mark.parametrize("url", STRICT_SCREENS)
def test_staff_screens_get_the_strict_policy_and_carry_no_inline_code(staff, url):
    client = Client()
    client.force_login(staff)
    response = client.get(url)
    assert response.status_code == 200
    policy = directives(response)
    assert "'unsafe-inline'" not in policy["script-src"] + policy["style-src"]
    html = response.content.decode()
    assert not INLINE_SCRIPT.search(html), INLINE_SCRIPT.search(html).group(0)
    assert ' style="' not in html


def test_wagtails_editors_allow_inline_code_but_nothing_from_elsewhere(staff):
    client = Client()
    client.force_login(staff)
    response = client.get("/admin/pages/")
    policy = directives(response)
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["connect-src"] == ["'self'"]
    every_source = " ".join(" ".join(values) for values in policy.values())
    assert "http" not in every_source
    assert "gravatar" not in response.content.decode()
