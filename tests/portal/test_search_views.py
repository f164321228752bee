"""`/<lang>/search/` (portal/search_views.py): results grouped by type with their
counts, and bad filters answered with a clear error, never a crash."""

import pytest
from bs4 import BeautifulSoup

from tests.portal.search_builders import breakfast_notice

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice(bilingual_site):
    return breakfast_notice(bilingual_site)


def test_results_are_grouped_by_type_with_counts(client, notice):
    response = client.get("/zh-hans/search/", {"q": "占道"})
    soup = BeautifulSoup(response.content, "html.parser")
    assert [h.text for h in soup.select(".result-group h2")] == ["其他页面"]
    assert "1 条结果" in soup.text


def test_bad_filters_get_a_clear_error_not_a_crash(client, notice):
    response = client.get("/zh-hans/search/", {"q": "占道", "type": "<script>"})
    assert response.status_code == 400
    assert "未知的结果类型" in response.text
    assert "<script>" not in response.text.split("</form>")[0]
    response = client.get("/en/search/", {"q": "x", "community": "abc"})
    assert response.status_code == 400
    assert "The community must be given by its number." in response.text
    response = client.get("/en/search/", {"q": "x", "community": "999999"})
    assert "There is no community with that number." in response.text
