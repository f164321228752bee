"""The starter synonyms shipped with the site (portal/search_synonyms.py)."""

import pytest

from notices.demo import catalogue, duties
from portal.models import SearchSynonym
from portal.search import normalise, parse
from portal.search_synonyms import STARTER_SYNONYMS, load_starter_synonyms
from tests.portal.search_builders import page, titles

pytestmark = pytest.mark.django_db


def alternatives() -> dict[str, list[str]]:
    return {
        term: [normalise(word) for word in words.replace("、", ",").split(",")]
        for term, words in STARTER_SYNONYMS.items()
    }


def list_titles() -> list[tuple[str, str]]:
    """Every duty-list and catalogue item's title, Chinese and English."""
    return [(item[8][0], item[9][0]) for item in duties.ITEMS] + [
        (item[9], item[10]) for item in catalogue.ITEMS
    ]


@pytest.mark.parametrize(("chinese", "english"), list_titles())
def test_every_list_item_has_everyday_words_in_both_languages(chinese, english):
    table = alternatives()
    assert any(
        not term.isascii()
        and term != normalise(chinese)
        and any(word in normalise(chinese) for word in words)
        for term, words in table.items()
    ), chinese
    assert any(
        term.isascii() and any(word in normalise(english) for word in words)
        for term, words in table.items()
    ), english


def test_loading_adds_what_is_missing_and_keeps_what_editors_changed():
    SearchSynonym.objects.all().delete()
    SearchSynonym.objects.create(term="噪音", alternatives="噪声")
    added = load_starter_synonyms(SearchSynonym)
    assert added == len(STARTER_SYNONYMS) - 1
    assert SearchSynonym.objects.get(term="噪音").alternatives == "噪声"
    assert load_starter_synonyms(SearchSynonym) == 0


def test_everyday_words_find_the_bureaus_terms(client, bilingual_site):
    load_starter_synonyms(SearchSynonym)
    page(bilingual_site, "垃圾满溢、清运不及时", "24小时内处理。")
    page(bilingual_site, "疑似违法建设举报", "2小时内到现场核查。")
    assert titles(client, "垃圾没人收") == ["垃圾满溢、清运不及时"]
    assert titles(client, "私搭乱建") == ["疑似违法建设举报"]


@pytest.mark.parametrize("term", sorted(STARTER_SYNONYMS))
def test_every_starter_word_typed_alone_or_in_a_sentence_reaches_its_synonyms(term):
    """A word residents type must reach what it stands for, however the query is
    read: alone, and with question words around it."""
    wanted = set(alternatives()[term])
    for query in (term, f"{term}怎么办" if not term.isascii() else f"{term} where"):
        found = set(parse(query).variants)
        assert wanted & found, query
