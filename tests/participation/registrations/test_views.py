"""Registering through the public form and the resident's private manage page
(participation/registrations/views.py); no name or phone on any public output."""

import re
from datetime import timedelta

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.utils import timezone

from participation.registrations.models import Registration, RegistrationStatus
from participation.registrations.rules import register
from tests.conftest import publish, translate
from tests.notices.event_builders import make_event
from tests.participation.builders import assert_nothing_leaks
from tests.participation.registration_builders import (
    CONFIRMED,
    WAITING,
    form_data,
    sign_up,
)

pytestmark = pytest.mark.django_db


def test_form_registers_and_lands_on_the_private_manage_page(client, event):
    response = client.post(f"/zh-hans/event-registration/{event.pk}/", form_data())
    assert response.status_code == 303
    token = re.search(r"/manage/([^/]+)/", response["Location"]).group(1)
    assert len(token) >= 22  # >= 128 bits of url-safe base64
    page = client.get(response["Location"])
    registration = Registration.objects.get()
    assert registration.reference in page.text
    assert f"http://testserver/zh-hans/event-registration/manage/{token}/" in page.text
    assert "王秀英" not in page.text and "13912345678" not in page.text
    assert "no-store" in page["Cache-Control"]
    assert registration.token_hash != token, "only a hash is stored"


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"phone": "1234"}, "phone"),
        ({"party_size": "9"}, "party_size"),
        ({"consent": ""}, "consent"),
        ({"name": ""}, "name"),
    ],
)
def test_bad_form_input_answers_400_and_stores_nothing(client, event, overrides, field):
    data = {k: v for k, v in form_data(**overrides).items() if v != ""}
    response = client.post(f"/zh-hans/event-registration/{event.pk}/", data)
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one(f"#id_{field}_error"), response.text
    assert soup.select_one("#error-summary")
    assert not Registration.objects.exists()


def test_invalid_phone_error_says_what_is_expected_in_english(client, event):
    response = client.post(
        f"/en/event-registration/{event.pk}/", form_data(phone="12345")
    )
    assert response.status_code == 400
    assert "11 digits, starting with 1" in response.text


def test_double_post_of_the_same_form_redirects_to_the_same_registration(client, event):
    first = client.post(f"/zh-hans/event-registration/{event.pk}/", form_data())
    second = client.post(f"/zh-hans/event-registration/{event.pk}/", form_data())
    assert (first.status_code, second.status_code) == (303, 303)
    assert Registration.objects.count() == 1


def test_bots_filling_the_honeypot_or_forging_the_token_store_nothing(client, event):
    url = f"/zh-hans/event-registration/{event.pk}/"
    assert client.post(url, form_data(website="http://spam")).status_code == 400
    assert client.post(url, form_data(form_token="forged")).status_code == 400
    assert not Registration.objects.exists()


def test_too_many_posts_from_one_client_get_429(client, event, settings):
    settings.PORTAL_RATE_LIMITS = {"default": "2/m"}
    url = f"/zh-hans/event-registration/{event.pk}/"
    # The limit counts per clock minute: start the three posts at a minute's first
    # second, so that a slow machine cannot carry the third into the next minute.
    start = timezone.now().replace(second=1, microsecond=0) + timedelta(minutes=1)
    with time_machine.travel(start, tick=True):
        codes = [client.post(url, form_data(phone="1")).status_code for _ in range(3)]
    assert codes == [400, 400, 429]


def test_registering_again_with_a_new_form_gives_a_friendly_error(client, event):
    client.post(f"/zh-hans/event-registration/{event.pk}/", form_data())
    again = client.post(
        f"/zh-hans/event-registration/{event.pk}/",
        form_data(key="n" * 32),
    )
    assert again.status_code == 400
    assert "已经报名" in again.text or "already holds a place" in again.text
    assert Registration.objects.count() == 1


def test_closed_registration_answers_post_with_400(client, events):
    event = make_event(
        events, registration_closes_at=timezone.now() - timedelta(minutes=5)
    )
    response = client.post(f"/zh-hans/event-registration/{event.pk}/", form_data())
    assert response.status_code == 400
    assert not Registration.objects.exists()


def test_full_event_offers_the_waitlist_and_tells_who_unticks_it(client, events):
    event = make_event(events, capacity=1)
    sign_up(event, 1)
    response = client.post(
        f"/zh-hans/event-registration/{event.pk}/",
        {k: v for k, v in form_data().items() if k != "join_waitlist"},
    )
    assert response.status_code == 400
    assert event.registrations.count() == 1


def test_english_and_chinese_pages_share_one_set_of_places(
    client, bilingual_site, events
):
    event = make_event(events, capacity=1)
    english = translate(event, bilingual_site.en, title="Open day")
    client.post(f"/en/event-registration/{english.pk}/", form_data())
    assert Registration.objects.get().event_id == event.pk
    outcome = sign_up(english, 2)
    assert outcome.registration.status == WAITING


def test_manage_link_cancels_once_and_a_reused_link_is_harmless(client, event):
    outcome = sign_up(event, 1)
    url = f"/zh-hans/event-registration/manage/{outcome.token}/"
    assert client.post(url + "cancel/").status_code == 303
    assert client.post(url + "cancel/").status_code == 303
    registration = Registration.objects.get()
    assert registration.status == RegistrationStatus.CANCELLED
    page = client.get(url)
    assert page.status_code == 200
    assert "取消我的报名" not in page.text and "Cancel my registration" not in page.text


@pytest.mark.parametrize("token", ["forged-token", "A" * 43, "x" * 500, "%00"])
def test_forged_manage_links_get_a_clear_404(client, event, token):
    sign_up(event, 1)
    for url in (
        f"/zh-hans/event-registration/manage/{token}/",
        f"/zh-hans/event-registration/manage/{token}/cancel/",
    ):
        response = client.post(url) if url.endswith("cancel/") else client.get(url)
        assert response.status_code == 404
    assert Registration.objects.get().status == CONFIRMED


def test_unknown_event_registration_form_is_404(client, bilingual_site):
    assert client.get("/zh-hans/event-registration/999999/").status_code == 404


# Privacy: no name or phone on any public output


def test_no_registrant_name_or_phone_on_any_public_output(
    client, bilingual_site, staffed
):
    stations, here, there, citywide = staffed
    planted_name, planted_phone = "欧阳晓禾", "13988887777"
    outcome = register(here, name=planted_name, phone=planted_phone, notes="私密备注")
    publish(bilingual_site.home_zh)
    urls = [
        "/zh-hans/",
        "/en/",
        here.url,
        there.url,
        here.get_parent().url,
        here.get_parent().url + "?past=1",
        stations.community.url,
        f"/zh-hans/event-registration/{here.pk}/",
        f"/zh-hans/event-registration/manage/{outcome.token}/",
        "/zh-hans/feeds/notices/",
        f"/zh-hans/feeds/notices/?community={stations.community.pk}",
        "/zh-hans/feeds/events.ics",
        f"/zh-hans/feeds/events.ics?community={stations.community.pk}",
        f"/zh-hans/feeds/events/{here.pk}.ics",
        "/zh-hans/search/?q=开放日",
        "/zh-hans/search/?q=民主",
        "/api/v2/pages/?type=notices.EventPage&fields=*",
        f"/api/v2/pages/{here.pk}/",
        "/sitemap.xml",
    ]
    assert_nothing_leaks(
        client, urls, (planted_name, planted_phone, "私密备注", "8887777")
    )
