"""The group screens name each group in the reader's language (portal/admin_groups.py),
and so does every form offering groups (the choice templates in
portal/templates/django/forms/widgets/)."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group

from portal.roles import EDITOR, LEGAL_REVIEWER
from tests.portal.role_builders import form_values, logged_in, role_user

pytestmark = pytest.mark.django_db


def listed_names(html: str) -> list[str]:
    return [
        link.get_text(strip=True)
        for link in BeautifulSoup(html, "html.parser").select("td.title a")
    ]


@pytest.mark.parametrize(
    "language, shown, hidden",
    [("zh-hans", "编辑", "Area editors"), ("en", "Area editors", "编辑")],
)
def test_the_group_listing_names_groups_in_the_readers_language(
    city, language, shown, hidden
):
    client = logged_in(role_user("administrator", city.directory), language)
    html = client.get("/admin/groups/").content.decode()
    assert shown in listed_names(html)
    assert hidden not in html


@pytest.mark.parametrize(
    "language, heading, hidden",
    [("zh-hans", "法制审核", "Legal reviewers"), ("en", "Legal reviewers", "法制审核")],
)
def test_the_group_editor_is_headed_by_the_translated_name(
    city, language, heading, hidden
):
    group = Group.objects.get(name=LEGAL_REVIEWER.group)
    client = logged_in(role_user("administrator", city.directory), language)
    html = client.get(f"/admin/groups/edit/{group.pk}/").content.decode()
    page = BeautifulSoup(html, "html.parser")
    title = page.title.get_text()
    breadcrumbs = page.select_one("nav[aria-label]").get_text(" ", strip=True)
    assert heading in title and hidden not in title
    assert heading in breadcrumbs and hidden not in breadcrumbs
    # The name field keeps the stored name: that is what an administrator edits.
    assert page.select_one("input[name=name]")["value"] == LEGAL_REVIEWER.group


def test_saving_a_group_keeps_its_stored_name_and_says_so_in_chinese(city):
    group = Group.objects.get(name=EDITOR.group)
    client = logged_in(role_user("administrator", city.directory), "zh-hans")
    url = f"/admin/groups/edit/{group.pk}/"
    data = form_values(client.get(url).content.decode(), "main form[method=post]")
    response = client.post(url, data, follow=True)
    assert Group.objects.get(pk=group.pk).name == EDITOR.group
    messages = [str(message) for message in response.context["messages"]]
    assert len(messages) == 1
    assert "编辑" in messages[0] and "Area editors" not in messages[0]


@pytest.mark.parametrize(
    "language, shown, hidden",
    [("zh-hans", "驻点人员", "Station staff"), ("en", "Station staff", "驻点人员")],
)
def test_the_user_form_offers_groups_in_the_readers_language(
    city, language, shown, hidden
):
    client = logged_in(role_user("administrator", city.directory), language)
    html = client.get("/admin/users/new/").content.decode()
    assert shown in html
    assert hidden not in html


def test_deleting_a_group_asks_under_its_translated_name(city):
    group = Group.objects.get(name=LEGAL_REVIEWER.group)
    client = logged_in(role_user("administrator", city.directory), "zh-hans")
    html = client.get(f"/admin/groups/delete/{group.pk}/").content.decode()
    text = BeautifulSoup(html, "html.parser").main.get_text(" ", strip=True)
    assert "法制审核" in text and "Legal reviewers" not in text


@pytest.mark.parametrize(
    "language, shown, hidden",
    [("zh-hans", "编辑", "Area editors"), ("en", "Area editors", "编辑")],
)
def test_the_users_of_a_group_are_filtered_under_its_translated_name(
    city, language, shown, hidden
):
    """The group editor's "View users in this group" leads here."""
    group = Group.objects.get(name=EDITOR.group)
    client = logged_in(role_user("administrator", city.directory), language)
    html = client.get(f"/admin/users/?group={group.pk}").content.decode()
    pill = BeautifulSoup(html, "html.parser").select_one(".w-active-filters b")
    assert pill.get_text(strip=True) == shown
    assert hidden not in pill.get_text()
