"""Every public page of issue 27 (merchant directory, red and black ranking, the
campaigns with their nominate, vote and results pages), in both languages, with the
demo merchants, campaigns and ranking loaded and a vote cast: no licence number,
contact name or phone of a shop, no address, no voter's phone, no staff note."""

import pytest

from notices.merchants import demo as merchants_demo
from notices.merchants.models import Merchant
from notices.models import Campaign
from participation.campaigns import demo as campaigns_demo
from participation.campaigns import voting
from tests.participation.campaigns.conftest import PHONE

pytestmark = pytest.mark.django_db

VOTER = "13766665555"


@pytest.fixture
def demo(world, recorded_sms):
    # The demo's communities are found by title; the world holds 黄河社区 and 滨湖社区.
    merchants_demo.load(lambda _line: None)
    campaigns_demo.load(lambda _line: None)
    voting_now = Campaign.objects.get(title__startswith="淮海街道")
    if not voting_now.candidates.exists():
        # 光明社区 is not in this small world: put a shop of 黄河社区 on its list.
        voting_now.community = world["here"]
        voting_now.save()
        voting_now.candidates.create(merchant=world["fruit"])
    candidate = voting_now.candidates.first()
    token = voting.request_code(candidate, VOTER, "zh-hans")
    voting.confirm_code(voting.find_code(token), recorded_sms[-1][2].params["code"])
    return voting_now


def public_urls(language: str) -> list[str]:
    urls = [f"/{language}/merchants/", f"/{language}/red-black-ranking/"]
    urls.append(f"/{language}/campaigns/")
    for campaign in Campaign.objects.all():
        base = f"/{language}/campaigns/{campaign.pk}/"
        urls += [base, f"{base}nominate/", f"{base}vote/", f"{base}results/"]
    return urls


def test_no_public_page_shows_a_merchants_or_voters_personal_data(demo, client):
    shops = list(Merchant.objects.all())
    assert len(shops) >= 3
    secrets = {VOTER, PHONE, "演示数据：复查安排在下季度。"}
    for shop in shops:
        secrets |= {
            shop.licence_number,
            shop.contact_name,
            shop.contact_phone,
            shop.address,
        }
    seen_shop = False
    for language in ("zh-hans", "en"):
        for url in public_urls(language):
            response = client.get(url)
            assert response.status_code in (200, 409), url
            html = response.content.decode()
            seen_shop |= shops[0].name in html
            for secret in secrets:
                assert secret not in html, (url, secret)
    assert seen_shop


def test_the_demo_loads_twice_without_changing_anything(demo):
    from notices.models import Inspection, ListingEntry, MerchantGroup
    from participation.campaigns.models import Candidate, Vote

    def counts():
        return [
            model.objects.count()
            for model in (
                Merchant,
                MerchantGroup,
                Inspection,
                Campaign,
                ListingEntry,
                Candidate,
                Vote,
            )
        ]

    before = counts()
    merchants_demo.load(lambda _line: None)
    campaigns_demo.load(lambda _line: None)
    assert counts() == before
    finished = Campaign.objects.get(title__startswith="示范市上半年")
    assert finished.results_confirmed_at is not None


def test_the_demo_ranking_shows_current_entries_and_not_the_expired_one(demo, client):
    html = client.get("/zh-hans/red-black-ranking/").content.decode()
    assert "主动清扫责任区，季度内未发现店外经营。" in html  # current, red
    assert "上一季度店外摆放货物" not in html  # ended months ago
