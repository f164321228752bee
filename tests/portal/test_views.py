"""Site-wide views (portal/views.py): the root address by the browser's language, the
elderly display mode, friendly error pages in the visitor's language, /healthz."""

from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.core.cache import caches
from django.db import DatabaseError, OperationalError
from django.test import RequestFactory
from django.utils import translation

from portal.views import server_error
from tests.portal.test_cache import closed_port_cache

pytestmark = pytest.mark.django_db


def test_root_redirects_to_chinese_by_default(client, bilingual_site):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/zh-hans/"


def test_root_redirects_english_browsers_to_english(client, bilingual_site):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert response["Location"] == "/en/"
    assert "Accept-Language" in response["Vary"]


def test_missing_page_is_a_friendly_chinese_404(client, bilingual_site):
    response = client.get("/zh-hans/does-not-exist/")
    assert response.status_code == 404
    assert "页面未找到" in response.text
    assert 'href="/zh-hans/"' in response.text


def test_missing_page_is_a_friendly_english_404(client, bilingual_site):
    response = client.get("/en/does-not-exist/")
    assert response.status_code == 404
    assert "Page not found" in response.text
    assert "示范市" not in response.text


@pytest.mark.parametrize(
    ("language", "expected"),
    [("zh-hans", "出了点问题"), ("en", "Something went wrong")],
)
def test_server_error_page_speaks_the_visitors_language(language, expected):
    request = RequestFactory().get(f"/{language}/")
    with translation.override(language):
        response = server_error(request)
    assert response.status_code == 500
    assert expected in response.content.decode()


def html_class(response) -> str:
    return " ".join(BeautifulSoup(response.content, "html.parser").html["class"])


def mode_link(response) -> str:
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.select_one(".site-header__tools a.tool-link")["href"]


def test_elderly_link_switches_mode_and_returns_to_the_same_page(
    client, bilingual_site
):
    home = client.get("/zh-hans/")
    assert "mode-standard" in html_class(home)
    link = mode_link(home)
    assert link == "/zh-hans/display/elderly/?next=%2Fzh-hans%2F"

    response = client.get(link)
    assert response.status_code == 302
    assert response["Location"] == "/zh-hans/"
    assert response.cookies["portal_display"].value == "elderly"

    again = client.get("/zh-hans/")
    assert "mode-elderly" in html_class(again)
    assert "标准字号" in again.text


def test_elderly_mode_persists_on_other_pages_and_languages(client, bilingual_site):
    client.get("/zh-hans/display/elderly/?next=/zh-hans/")
    assert "mode-elderly" in html_class(client.get("/en/"))
    assert "mode-elderly" in html_class(client.get("/zh-hans/missing/"))


def test_standard_link_switches_back(client, bilingual_site):
    client.get("/zh-hans/display/elderly/?next=/zh-hans/")
    response = client.get("/en/display/standard/?next=/en/")
    assert response["Location"] == "/en/"
    assert "mode-standard" in html_class(client.get("/en/"))


def test_mode_switch_never_redirects_off_site(client, bilingual_site):
    response = client.get("/zh-hans/display/elderly/?next=https://evil.example/")
    assert response["Location"] == "/"


def test_unknown_mode_is_a_404(client, bilingual_site):
    assert client.get("/zh-hans/display/purple/").status_code == 404


def test_healthz_names_each_dependency_ok_when_both_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("error", [OperationalError, DatabaseError])
def test_healthz_answers_503_when_the_database_is_down(client, error):
    with mock.patch("portal.views.connection.cursor", side_effect=error("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "down"
    assert "no-store" in response["Cache-Control"]


def test_a_cache_outage_alone_keeps_healthz_at_200_and_says_so(client):
    with closed_port_cache():
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "down"}


def test_healthz_is_never_served_from_the_page_cache(client, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 600
    client.get("/healthz")
    with mock.patch("portal.views.connection.cursor", side_effect=OperationalError):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert "X-Portal-Cache" not in response
    assert caches["default"].get("portal:lookup:generation") is not None


def test_healthz_refuses_to_change_anything(client):
    assert client.post("/healthz").status_code == 405
