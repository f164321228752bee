"""The lists shown by category (notices/lists/grouping.py): a folding section per
category with a jump link to it, closed on the plain list, open when the resident
narrowed the list or an address names it, and an item always reachable."""

from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup

from notices.lists.grouping import group_entries, narrows, opened_category
from tests.notices.list_builders import catalogue, codes_on, duty_item, duty_list

pytestmark = pytest.mark.django_db


def sections(response) -> dict[str, dict]:
    """Each category section on a list page: its title, rows and whether it is open."""
    soup = BeautifulSoup(response.content, "html.parser")
    return {
        group["id"]: {
            "title": group.select_one(".list-group__title").contents[0].strip(),
            "open": group.has_attr("open"),
            "rows": [row["id"] for row in group.select("tr.list-row")],
        }
        for group in soup.select("details.list-group")
    }


def jump_links(response) -> dict[str, str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return {
        link.contents[0].strip(): link["href"]
        for link in soup.select(".list-jump__links a")
    }


def three_categories(bilingual_site):
    return duty_list(
        bilingual_site.home_zh,
        items=[
            duty_item("SR-01", title="占道经营劝导"),
            duty_item("EH-01", "EH", title="楼道堆物清理", handling_class="coordinate"),
            duty_item("SR-02", title="店外经营", handling_class="escalate"),
        ],
    )


def test_the_duty_list_opens_as_closed_sections_per_category_with_jump_links(
    client, bilingual_site
):
    three_categories(bilingual_site)
    response = client.get("/zh-hans/duties/")
    assert sections(response) == {
        "category-sr": {
            "title": "市容秩序",
            "open": False,
            "rows": ["item-SR-01", "item-SR-02"],
        },
        "category-eh": {"title": "环境卫生", "open": False, "rows": ["item-EH-01"]},
    }
    assert jump_links(response) == {
        "市容秩序": "?open=SR#category-sr",
        "环境卫生": "?open=EH#category-eh",
    }
    soup = BeautifulSoup(response.content, "html.parser")
    assert [s.text for s in soup.select(".list-jump__count")] == ["2", "1"]


def test_a_jump_link_opens_its_section_and_only_that_one(client, bilingual_site):
    three_categories(bilingual_site)
    response = client.get("/zh-hans/duties/?open=EH")
    opened = {key: group["open"] for key, group in sections(response).items()}
    assert opened == {"category-sr": False, "category-eh": True}
    assert jump_links(response)["环境卫生"] == "#category-eh"


def test_an_unknown_or_repeated_section_opens_none_and_never_fails(
    client, bilingual_site
):
    three_categories(bilingual_site)
    for query in ("?open=NOPE", "?open=SR&open=EH", "?open=" + "x" * 2000, "?open=%00"):
        response = client.get("/zh-hans/duties/" + query)
        assert response.status_code == 200, query
        assert not any(group["open"] for group in sections(response).values())
        assert codes_on(response) == ["SR-01", "SR-02", "EH-01"]


def test_a_narrowed_list_opens_every_section_it_shows(client, bilingual_site):
    three_categories(bilingual_site)
    searched = sections(client.get("/zh-hans/duties/?q=经营"))
    assert searched == {
        "category-sr": {
            "title": "市容秩序",
            "open": True,
            "rows": ["item-SR-01", "item-SR-02"],
        }
    }
    # Asking for the default status narrows nothing: the sections stay closed.
    plain = sections(client.get("/zh-hans/duties/?status=in_force&q="))
    assert not any(group["open"] for group in plain.values())


def test_the_print_version_shows_every_section_open(client, bilingual_site):
    three_categories(bilingual_site)
    response = client.get("/zh-hans/duties/print/")
    assert all(group["open"] for group in sections(response).values())
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one(".list-jump") is None


def test_the_catalogue_is_grouped_by_category_too(client, bilingual_site):
    catalogue(bilingual_site.home_zh)
    response = client.get("/zh-hans/lenient-catalogue/?status=all")
    assert sections(response) == {
        "category-mr": {
            "title": "市容环境卫生",
            "open": True,
            "rows": ["item-01", "item-02", "item-03"],
        },
        "category-yl": {"title": "园林绿化", "open": True, "rows": ["item-04"]},
    }
    plain = client.get("/zh-hans/lenient-catalogue/")
    assert list(jump_links(plain)) == ["市容环境卫生"]  # 04 is repealed: no YL
    assert codes_on(plain) == ["01", "02", "03"]


def test_no_section_when_nothing_matches(client, bilingual_site):
    three_categories(bilingual_site)
    response = client.get("/zh-hans/duties/?q=没有这样的事项")
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select("details.list-group") == []
    assert soup.select_one(".list-jump") is None
    assert soup.select_one(".list-empty").text == "没有符合筛选条件的事项。"


# The grouping itself.


def entry(code: str, category: str):
    return SimpleNamespace(code=code, category=category)


def category(code: str, name: str):
    return SimpleNamespace(code=code, name=name, description="")


def test_items_of_an_unknown_category_come_last_under_their_code():
    groups = group_entries(
        [category("A", "甲"), category("B", "乙")],
        [entry("X-1", "X"), entry("B-1", "B"), entry("A-1", "A")],
        filters={},
    )
    assert [(g.code, g.name, [e.code for e in g.entries]) for g in groups] == [
        ("A", "甲", ["A-1"]),
        ("B", "乙", ["B-1"]),
        ("X", "X", ["X-1"]),
    ]


def test_a_code_that_makes_no_id_gets_one_from_its_place():
    groups = group_entries(
        [category("市容", "市容"), category("a b", "乙")],
        [entry("1", "市容"), entry("2", "a b")],
        filters={"q": "x"},
        opened="a b",
    )
    assert [g.anchor for g in groups] == ["category-1", "category-a-b"]
    assert groups[0].link == "?q=x&open=%E5%B8%82%E5%AE%B9#category-1"
    assert groups[1].link == "#category-a-b"


def test_what_narrows_a_list_and_which_section_is_asked_for():
    assert not narrows({})
    assert not narrows({"status": "in_force", "q": ""})
    assert narrows({"status": "all"})
    assert narrows({"handling": "immediate"})
    assert opened_category({"open": "SR"}, ["SR", "EH"]) == "SR"
    assert opened_category({"open": "sr"}, ["SR", "EH"]) == ""
    assert opened_category({}, ["SR"]) == ""
