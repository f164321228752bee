"""participation/campaigns/views.py: the campaign pages a resident uses: nominate
(with the abuse protection every form has), vote by phone and code, and results that
show counts only once staff confirmed them."""

import re

import pytest

from participation.campaigns import voting
from participation.campaigns.models import Candidate, Nomination, Vote
from tests.notices.merchant_builders import campaign
from tests.participation.campaigns.conftest import PHONE, guarded

pytestmark = pytest.mark.django_db


def test_a_resident_nominates_a_shop_of_the_register(world, client):
    drive = campaign(world["here"], phase="nominating")
    url = f"/zh-hans/campaigns/{drive.pk}/nominate/"
    data = guarded(
        shop_name="滨湖路鲜果超市", community=world["here"].pk, reason="天天清扫。"
    )
    answer = client.post(url, data)
    assert answer.status_code == 303
    assert answer["Location"] == f"/zh-hans/campaigns/{drive.pk}/?nominated=1"
    (nomination,) = Nomination.objects.all()
    assert nomination.merchant == world["fruit"] and nomination.status == "pending"
    # The same form sent again is the same nomination.
    assert client.post(url, data).status_code == 400
    assert Nomination.objects.count() == 1


def test_an_unknown_shop_is_refused_clearly_and_nothing_is_saved(world, client):
    drive = campaign(world["here"], phase="nominating")
    answer = client.post(
        f"/zh-hans/campaigns/{drive.pk}/nominate/",
        guarded(shop_name="不存在的店", community=world["here"].pk, reason="好"),
    )
    assert answer.status_code == 400
    assert "不存在的店" in answer.content.decode()
    assert not Nomination.objects.exists()


def test_a_filled_honeypot_or_a_missing_token_refuses_the_nomination(world, client):
    drive = campaign(world["here"], phase="nominating")
    url = f"/zh-hans/campaigns/{drive.pk}/nominate/"
    base = {
        "shop_name": "滨湖路鲜果超市",
        "community": world["here"].pk,
        "reason": "好",
    }
    assert client.post(url, guarded(website="spam", **base)).status_code == 400
    assert client.post(url, base).status_code == 400
    assert not Nomination.objects.exists()


def test_nominations_are_rate_limited(world, client, settings):
    settings.PORTAL_RATE_LIMITS = {"campaign_nominate": "2/m", "default": "100/m"}
    drive = campaign(world["here"], phase="nominating")
    url = f"/zh-hans/campaigns/{drive.pk}/nominate/"
    statuses = [client.post(url, guarded()).status_code for _n in range(3)]
    assert statuses[-1] == 429


def test_outside_its_period_a_step_answers_that_it_is_closed(world, client):
    drive = campaign(world["here"], phase="voting")
    answer = client.get(f"/zh-hans/campaigns/{drive.pk}/nominate/")
    assert answer.status_code == 409


def test_a_resident_votes_with_a_code_sent_to_their_phone(world, client, recorded_sms):
    drive = campaign(world["here"], phase="voting")
    candidate = Candidate.objects.create(campaign=drive, merchant=world["fruit"])
    answer = client.post(
        f"/zh-hans/campaigns/{drive.pk}/vote/",
        guarded(candidate=candidate.pk, phone="139 1234 5678"),
    )
    assert answer.status_code == 303
    code_page = answer["Location"]
    assert code_page.startswith("/zh-hans/campaigns/vote/")
    _phone, text, message = recorded_sms[-1]
    code = message.params["code"]
    assert code in text
    wrong = client.post(code_page, {"code": "999999" if code != "999999" else "1"})
    assert wrong.status_code == 400 and "还可尝试4次" in wrong.content.decode()
    done = client.post(code_page, {"code": code})
    assert done.status_code == 303
    assert done["Location"] == f"/zh-hans/campaigns/{drive.pk}/?voted=1"
    assert Vote.objects.get().phone_hash == voting.phone_hash(PHONE)
    # Counts stay private until staff confirm them.
    results = client.get(f"/zh-hans/campaigns/{drive.pk}/results/").content.decode()
    assert "<table" not in results
    assert PHONE not in client.get(f"/zh-hans/campaigns/{drive.pk}/").content.decode()


def test_a_forged_code_link_is_refused(world, client):
    answer = client.get("/zh-hans/campaigns/vote/not-a-token/")
    assert answer.status_code == 404


def test_confirmed_results_show_each_shops_votes(world, client):
    drive = campaign(world["here"], phase="counting")
    winner = Candidate.objects.create(campaign=drive, merchant=world["fruit"])
    other = Candidate.objects.create(campaign=drive, merchant=world["canteen"])
    for n in range(3):
        Vote.objects.create(campaign=drive, candidate=winner, phone_hash=f"w{n}")
    Vote.objects.create(campaign=drive, candidate=other, phone_hash="o")
    url = f"/zh-hans/campaigns/{drive.pk}/results/"
    assert "<table" not in client.get(url).content.decode()
    voting.confirm_results(drive, None)
    html = client.get(url).content.decode()
    rows = re.findall(
        r"<tr><th scope=\"row\">(.*?)</th><td>.*?</td><td>(\d+)</td>", html
    )
    assert rows == [("滨湖路鲜果超市", "3"), ("淮海路便民餐馆", "1")]


@pytest.mark.parametrize(
    "url",
    ["/zh-hans/campaigns/abc/", "/zh-hans/campaigns/99999999999999999999/results/"],
)
def test_bad_addresses_are_not_found(world, client, url):
    assert client.get(url).status_code == 404
