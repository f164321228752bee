"""Elderly mode: a plain link, no JavaScript, remembered across pages."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


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
