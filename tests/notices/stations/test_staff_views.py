"""notices/stations/staff_views.py: the staff listing shows each person once, with
their other languages' versions one click away."""

import re

import pytest
from django.test import Client

from tests.factories import UserFactory
from tests.notices.station_builders import staff

pytestmark = pytest.mark.django_db

LISTING = "/admin/snippets/notices/staff/"


@pytest.fixture
def admin_client(bilingual_site) -> Client:
    user = UserFactory(is_staff=True, is_superuser=True)
    user.save()
    client = Client()
    client.force_login(user)
    return client


def translated(member, locale, name: str):
    version = member.copy_for_translation(locale)
    version.name = name
    version.save()
    return version


def listed(client: Client, **query) -> tuple[set[int], str]:
    """The ids of the listing's rows, and the page."""
    body = client.get(LISTING, query).content.decode()
    return {int(pk) for pk in re.findall(r'id="snippet_(\d+)_title"', body)}, body


def edit_link(member) -> str:
    return f'href="/admin/snippets/notices/staff/edit/{member.pk}/"'


def test_each_person_is_one_row_linking_to_their_english_version(
    bilingual_site, admin_client
):
    member = staff("S0101", bilingual_site.zh, name="王驻点")
    english = translated(member, bilingual_site.en, "Wang Zhudian")
    alone = staff("S0102", bilingual_site.zh, name="李未译")

    rows, body = listed(admin_client)

    assert rows == {member.pk, alone.pk}
    assert edit_link(english) in body
    assert "English：Wang Zhudian" in body


def test_a_person_first_entered_in_english_is_listed_by_that_version(
    bilingual_site, admin_client
):
    member = staff("S0201", bilingual_site.en, name="Zhao First")
    chinese = translated(member, bilingual_site.zh, "赵先英")

    rows, body = listed(admin_client)

    assert rows == {member.pk}
    assert edit_link(chinese) in body


def test_choosing_a_language_lists_that_languages_rows(bilingual_site, admin_client):
    member = staff("S0301", bilingual_site.zh, name="孙双语")
    english = translated(member, bilingual_site.en, "Sun Bilingual")
    staff("S0302", bilingual_site.zh, name="周只中文")

    rows, body = listed(admin_client, locale="en")

    assert rows == {english.pk}
    assert edit_link(member) in body
    assert "简体中文：孙双语" in body


def test_the_listing_reads_accounts_and_translations_once_for_the_page(
    bilingual_site, admin_client
):
    """Each row names its linked account and its English version; reading them
    costs ten people no more queries than two. (wagtail-localize's own row menu
    still asks two questions per row of its tables and the locales; those are
    not counted here.)"""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def people(first: int, last: int) -> None:
        for number in range(first, last):
            member = staff(f"S02{number:02d}", bilingual_site.zh, name=f"站员{number}")
            translated(member, bilingual_site.en, f"Member {number}")
            member.user = UserFactory(username=f"account{number}", is_staff=True)
            member.user.save()
            member.save()

    def ours(queries) -> int:
        return sum(
            1
            for query in queries.captured_queries
            if query["sql"].startswith('SELECT "notices_staff"')
            or query["sql"].startswith('SELECT "auth_user"')
        )

    people(0, 2)
    with CaptureQueriesContext(connection) as two:
        _rows, body = listed(admin_client)
    assert "account1" in body and "English：Member 1" in body
    people(2, 10)
    with CaptureQueriesContext(connection) as ten:
        _rows, body = listed(admin_client)
    assert "account9" in body and "English：Member 9" in body
    assert ours(ten) == ours(two)
