"""Friendly error pages in the visitor's language."""

import pytest
from django.test import RequestFactory
from django.utils import translation

from portal.views import server_error

pytestmark = pytest.mark.django_db


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
