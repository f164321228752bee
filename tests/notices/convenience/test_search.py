"""Site search finds convenience points by the words residents use: 驿站, 厕所,
公厕 and their neighbours 卫生间, toilet, rest stop."""

import pytest
from bs4 import BeautifulSoup

from portal.models import SearchDocument, SearchSynonym
from portal.search_synonyms import CONVENIENCE_SYNONYMS, load_synonyms
from tests.conftest import translate
from tests.notices.convenience.builders import point
from tests.notices.station_builders import translate_tree

pytestmark = pytest.mark.django_db


def results(client, query: str, language: str = "zh-hans") -> list[str]:
    response = client.get(f"/{language}/search/", {"q": query})
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.text.strip() for a in soup.select(".result__title")]


@pytest.fixture
def points(cmap):
    load_synonyms(SearchSynonym, CONVENIENCE_SYNONYMS)
    return {
        "toilet": point(cmap.a, "toilet", "黄河路公厕"),
        "rest": point(cmap.a, "rest_stop", "黄河社区城管驿站", facilities=["water"]),
        "parking": point(cmap.b, "bike_parking", "滨湖非机动车停放点"),
    }


@pytest.mark.parametrize("query", ["厕所", "公厕", "卫生间", "洗手间"])
def test_the_words_for_a_toilet_find_the_public_toilet(client, points, query):
    found = results(client, query)
    assert "黄河路公厕" in found
    assert "滨湖非机动车停放点" not in found


@pytest.mark.parametrize("query", ["驿站", "爱心驿站", "歇脚"])
def test_the_words_for_a_rest_stop_find_it(client, points, query):
    assert "黄河社区城管驿站" in results(client, query)


def test_english_words_find_the_translated_points(client, cmap, points):
    site = cmap.site
    translate_tree(site, [cmap.directory, cmap.district, cmap.sub, cmap.a, cmap.b])
    translate(cmap.page, site.en, title="Convenience map")
    for source, name in ((points["toilet"], "Huanghe Road public toilet"),
                         (points["rest"], "Huanghe rest stop")):  # fmt: skip
        english = source.copy_for_translation(site.en)
        english.name = name
        english.save()
    assert "Huanghe Road public toilet" in results(client, "toilet", "en")
    assert "Huanghe Road public toilet" in results(client, "restroom", "en")
    assert "Huanghe rest stop" in results(client, "rest stop", "en")


def test_a_result_links_to_the_points_page(client, points):
    document = SearchDocument.objects.get(title="黄河路公厕")
    assert document.url == f"/zh-hans/convenience-map/point/{points['toilet'].pk}/"
    assert document.kind == "convenience"


def test_a_deleted_point_is_no_longer_found(client, points):
    assert "黄河路公厕" in results(client, "公厕")
    points["toilet"].delete()
    assert "黄河路公厕" not in results(client, "公厕")


def test_the_synonyms_never_overwrite_an_editors_word(db):
    SearchSynonym.objects.update_or_create(
        term="厕所", defaults={"alternatives": "编辑自己的词"}
    )
    load_synonyms(SearchSynonym, CONVENIENCE_SYNONYMS)
    assert SearchSynonym.objects.get(term="厕所").alternatives == "编辑自己的词"
    assert SearchSynonym.objects.filter(term="驿站").exists()
