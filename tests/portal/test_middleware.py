"""portal/middleware.py: the Content-Security-Policy, strict on public pages, the
sign-in page and staff screens and relaxed only where Wagtail's editors need it; and
the guards in front of Wagtail's choosers and its `?locale=`; the admin in its user's
language."""

import json
import re

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from wagtail.users.models import UserProfile

from tests.factories import UserFactory
from tests.notices.station_builders import staff as make_staff

pytestmark = pytest.mark.django_db

CHOSEN = "/admin/choose-page/chosen-multiple/"


@pytest.mark.parametrize("value", ["nan", "²", "99999999999999999999999", "1\x00"])
def test_a_chooser_refuses_ids_that_are_not_ids_in_the_editors_language(
    admin_client, bilingual_site, value
):
    response = admin_client.get(
        CHOSEN,
        {"id": [str(bilingual_site.home_zh.pk), value]},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 400
    assert "网址有误" in response.text  # the error page, in the editor's language
    assert "id:" in response.text  # naming the parameter that was wrong


def test_a_chooser_still_returns_the_pages_chosen(admin_client, bilingual_site):
    response = admin_client.get(CHOSEN, {"id": [str(bilingual_site.home_zh.pk)]})
    assert response.status_code == 200
    chosen = json.loads(response.content)
    assert [item["id"] for item in chosen["result"]] == [bilingual_site.home_zh.pk]


@pytest.mark.parametrize(
    "url",
    [
        "/admin/snippets/notices/staff/",
        "/admin/snippets/participation/volunteerteam/results/",
        "/admin/snippets/participation/volunteerteam/add/",
    ],
)
def test_a_nul_byte_in_the_admins_locale_is_a_clear_refusal(
    admin_client, bilingual_site, url
):
    """Wagtail's screens for translatable snippets hand `?locale=` to the database as
    it came; PostgreSQL answered a NUL in it with a server error."""
    refused = admin_client.get(
        url, {"locale": "a\x00b"}, HTTP_ACCEPT_LANGUAGE="zh-hans"
    )

    assert refused.status_code == 400
    assert "locale:" in refused.text and "不能包含空字符（NUL）" in refused.text


def test_a_good_locale_still_lists_the_staff(admin_client, bilingual_site):
    make_staff("S-NUL", bilingual_site.zh, name="王小明")
    listed = admin_client.get("/admin/snippets/notices/staff/", {"locale": "zh-hans"})
    assert "王小明" in listed.text


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


@pytest.mark.django_db
def test_public_pages_allow_no_inline_script_or_outside_source(client, bilingual_site):
    policy = client.get("/zh-hans/")["Content-Security-Policy"]
    directives = {
        part.split()[0]: part.split()[1:] for part in policy.split("; ") if part
    }
    assert "'unsafe-inline'" not in policy
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["default-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]


@pytest.mark.parametrize(
    ("language", "shown", "not_shown"),
    [
        ("en", "Sorry, you do not have permission", "对不起"),
        ("zh-hans", "对不起", "Sorry, you do not have permission"),
    ],
)
def test_a_refusal_in_the_admin_speaks_the_users_admin_language(
    bilingual_site, language, shown, not_shown
):
    user = UserFactory(is_staff=True)
    user.save()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client = Client()
    client.force_login(user)

    response = client.get(
        f"/admin/pages/{bilingual_site.home_zh.pk}/edit/",
        follow=True,
        HTTP_ACCEPT_LANGUAGE="zh-hans" if language == "en" else "en",
    )

    assert shown in response.text
    assert not_shown not in response.text
