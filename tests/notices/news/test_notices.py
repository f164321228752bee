"""Notices (notices/news/notices.py): scope to communities and districts wherever a
notice is listed, expiry, the index and its filters, the notice page, and the scope
checked in the admin."""

from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone, translation
from wagtail.documents.models import Document

from notices.models import NoticeAttachment, NoticePage, RelatedNotice
from tests.conftest import publish, translate
from tests.notices.event_builders import (
    feed_titles,
    make_notice,
)

pytestmark = pytest.mark.django_db


def render_tag(tag: str, community, language: str = "zh-hans") -> str:
    request = RequestFactory().get("/")
    with translation.override(language):
        return Template("{% load notices_tags %}" + tag).render(
            Context({"request": request, "page": community})
        )


# Scope: the acceptance criterion


def test_community_notice_shows_on_its_station_and_feed_only(client, tree):
    stations, index = tree
    make_notice(index, "民主社区停水通知", communities=[stations.community])

    assert "民主社区停水通知" in render_tag(
        "{% community_notices page %}", stations.community
    )
    assert "民主社区停水通知" not in render_tag(
        "{% community_notices page %}", stations.neighbour
    )
    assert "民主社区停水通知" in feed_titles(
        client, f"/zh-hans/feeds/notices/?community={stations.community.pk}"
    )
    assert "民主社区停水通知" not in feed_titles(
        client, f"/zh-hans/feeds/notices/?community={stations.neighbour.pk}"
    )


def notices_section(client, url: str) -> str:
    """The text of the "notices for this community" section of a station page."""
    response = client.get(url)
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    section = html.select_one("section.community-notices")
    assert section is not None, f"{url} has no notices section"
    return section.get_text(" ", strip=True)


def test_community_notice_shows_on_the_station_page_itself(client, tree):
    stations, index = tree
    make_notice(index, "民主社区停水通知", communities=[stations.community])
    assert "民主社区停水通知" in notices_section(client, stations.community.url)
    assert "民主社区停水通知" not in notices_section(client, stations.neighbour.url)


def test_district_notice_shows_in_its_communities_not_elsewhere(client, tree):
    stations, index = tree
    make_notice(index, "鼓楼区夜市整治", districts=[stations.district])
    for community, shown in (
        (stations.community, True),
        (stations.neighbour, True),
        (stations.far, False),
    ):
        titles = feed_titles(
            client, f"/zh-hans/feeds/notices/?community={community.pk}"
        )
        assert ("鼓楼区夜市整治" in titles) is shown


def test_citywide_notice_shows_for_every_community(client, tree):
    stations, index = tree
    make_notice(index, "全市垃圾分类新规")
    for community in (stations.community, stations.far):
        assert "全市垃圾分类新规" in render_tag(
            "{% community_notices page %}", community
        )


def test_scope_holds_in_english_through_translations(client, bilingual_site, tree):
    stations, index = tree
    notice = make_notice(index, "民主社区停水通知", communities=[stations.community])
    translate(notice, bilingual_site.en, title="Water cut in Minzhu")
    community_en = translate(stations.community, bilingual_site.en, title="Minzhu")
    neighbour_en = translate(stations.neighbour, bilingual_site.en, title="Heping")
    assert "Water cut in Minzhu" in render_tag(
        "{% community_notices page %}", community_en, "en"
    )
    assert "Water cut in Minzhu" not in render_tag(
        "{% community_notices page %}", neighbour_en, "en"
    )
    # The Chinese community id works in the English feed too.
    assert feed_titles(
        client, f"/en/feeds/notices/?community={stations.community.pk}"
    ) == ["Water cut in Minzhu"]


# Publishing dates, lists, pages


def test_expired_and_unpublished_notices_are_hidden(client, tree):
    stations, index = tree
    make_notice(index, "已过期", expire_at=timezone.now() - timedelta(minutes=1))
    draft = make_notice(index, "草稿")
    draft.unpublish()
    make_notice(index, "有效通知")
    assert feed_titles(client, "/zh-hans/feeds/notices/") == ["有效通知"]
    listing = client.get(index.url).text
    assert "已过期" not in listing and "草稿" not in listing
    assert "已过期" not in render_tag("{% community_notices page %}", stations.far)


def test_index_paginates_and_survives_bad_page_numbers(client, tree):
    _, index = tree
    for n in range(12):
        make_notice(index, f"通知{n:02d}", date=date(2026, 1, 1) + timedelta(days=n))
    first = BeautifulSoup(client.get(index.url).content, "html.parser")
    assert len(first.select(".notice-item")) == 10
    assert first.select_one(".notice-item h3").text.strip() == "通知11"
    second = BeautifulSoup(client.get(index.url + "?page=2").content, "html.parser")
    assert len(second.select(".notice-item")) == 2
    for bad in ("999", "abc", "-1"):
        assert client.get(f"{index.url}?page={bad}").status_code == 200


def test_index_filters_by_category_and_tag(client, tree):
    _, index = tree
    ranked = make_notice(index, "红黑榜", category="ranking")
    ranked.tags.add("商户")
    publish(ranked)
    make_notice(index, "工作动态一则", category="work-news")
    by_category = client.get(index.url + "?category=ranking").text
    assert "红黑榜" in by_category and "工作动态一则" not in by_category
    by_tag = client.get(index.url + "?tag=商户").text
    assert "红黑榜" in by_tag and "工作动态一则" not in by_tag


def test_notice_page_shows_attachments_related_notices_and_scope(client, tree):
    stations, index = tree
    other = make_notice(index, "相关政策")
    document = Document(title="实施方案")
    document.file.save("plan.pdf", ContentFile(b"%PDF-1.4 demo"), save=True)
    notice = NoticePage(
        title="开放日安排",
        slug="open-day-plan",
        body="<p>正文</p>",
        scope="communities",
        attachments=[NoticeAttachment(document=document)],
        related_notices=[RelatedNotice(notice=other)],
    )
    notice.scope_communities.add(
        notice.scope_communities.model(community=stations.community)
    )
    index.add_child(instance=notice)
    publish(notice)
    soup = BeautifulSoup(client.get(notice.url).content, "html.parser")
    text = soup.get_text()
    assert "实施方案" in text and "相关政策" in text and "民主社区" in text


def test_scope_needs_its_districts_or_communities_in_the_admin(admin_client, tree):
    _, index = tree
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    data = nested_form_data(
        {
            "title": "无范围",
            "slug": "no-scope",
            "date": "2026-05-01",
            "category": "announcement",
            "body": rich_text("<p>x</p>"),
            "scope": "communities",
            "attachments": inline_formset([]),
            "scope_districts": inline_formset([]),
            "scope_communities": inline_formset([]),
            "related_notices": inline_formset([]),
            "tags": "",
        }
    )
    response = admin_client.post(
        f"/admin/pages/add/notices/noticepage/{index.pk}/", data
    )
    assert response.status_code == 200
    assert "Choose at least one community" in response.content.decode() or (
        "至少选择一个社区" in response.content.decode()
    )
    assert not NoticePage.objects.filter(slug="no-scope").exists()


def test_saving_an_unchanged_notice_is_no_change(tree, admin_user):
    """The date defaults to today; posting the date the form showed is no change,
    so an approver who signs off from the edit screen writes no revision of their
    own (and is not taken for the change's author)."""
    _, index = tree
    notice = make_notice(index, "工作动态")
    form_class = NoticePage.get_edit_handler().get_form_class()
    shown = form_class(instance=notice, for_user=admin_user)
    posted = form_class(
        {"date": shown["date"].value().isoformat()},
        instance=notice,
        for_user=admin_user,
    )
    assert "date" not in posted.changed_data
    moved = form_class({"date": "2020-01-01"}, instance=notice, for_user=admin_user)
    assert "date" in moved.changed_data
