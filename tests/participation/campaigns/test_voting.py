"""participation/campaigns/voting.py: nominating, the shortlist, one vote per phone
number per campaign (codes that expire and run out of tries), counting and
confirming results."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from notices.models import Campaign, Phase
from participation.campaigns import voting
from participation.campaigns.models import Candidate, Nomination, Vote, VoteCode
from tests.notices.merchant_builders import campaign
from tests.participation.campaigns.conftest import OTHER_PHONE, PHONE

pytestmark = pytest.mark.django_db


def shortlisted(world, phase="voting", **fields) -> tuple[Campaign, Candidate]:
    drive = campaign(world["here"], phase=phase, **fields)
    return drive, Candidate.objects.create(campaign=drive, merchant=world["fruit"])


def code_from(outbox) -> str:
    _phone, _text, message = outbox[-1]
    return message.params["code"]


def test_a_phone_votes_once_per_campaign_and_again_in_another(world, recorded_sms):
    drive, candidate = shortlisted(world)
    token = voting.request_code(candidate, PHONE, "zh-hans")
    assert recorded_sms[-1][0] == PHONE
    vote = voting.confirm_code(voting.find_code(token), code_from(recorded_sms))
    assert vote.candidate == candidate
    # The number itself is stored nowhere: only its keyed hash.
    assert PHONE not in vote.phone_hash and vote.phone_hash == voting.phone_hash(PHONE)

    again = voting.request_code(candidate, PHONE, "zh-hans")
    with pytest.raises(voting.CampaignError) as refused:
        voting.confirm_code(voting.find_code(again), code_from(recorded_sms))
    assert refused.value.code == "already-voted"
    assert Vote.objects.filter(campaign=drive).count() == 1

    other, other_candidate = shortlisted(world, title="另一次评选")
    token = voting.request_code(other_candidate, PHONE, "zh-hans")
    voting.confirm_code(voting.find_code(token), code_from(recorded_sms))
    assert Vote.objects.filter(phone_hash=voting.phone_hash(PHONE)).count() == 2


def test_a_wrong_code_counts_a_try_and_five_end_the_code(world, recorded_sms):
    _drive, candidate = shortlisted(world)
    token = voting.request_code(candidate, PHONE, "zh-hans")
    right = code_from(recorded_sms)
    wrong = "000000" if right != "000000" else "111111"
    for left in (4, 3, 2, 1, 0):
        with pytest.raises(voting.CampaignError) as refused:
            voting.confirm_code(voting.find_code(token), wrong)
        assert refused.value.code == "wrong-code"
        assert str(left) in str(refused.value.message)
    with pytest.raises(voting.CampaignError) as refused:
        voting.confirm_code(voting.find_code(token), right)
    assert refused.value.code == "attempts"
    assert not Vote.objects.exists()


def test_a_code_expires_after_ten_minutes(world, recorded_sms):
    _drive, candidate = shortlisted(world)
    token = voting.request_code(candidate, PHONE, "zh-hans")
    code = code_from(recorded_sms)
    later = timezone.now() + dt.timedelta(minutes=11)
    with time_machine.travel(later, tick=False):
        with pytest.raises(voting.CampaignError) as refused:
            voting.confirm_code(voting.find_code(token), code)
    assert refused.value.code == "expired"
    assert not Vote.objects.exists()


def test_no_code_is_sent_outside_the_voting_period(world, recorded_sms):
    drive = campaign(world["here"], phase="nominating")
    candidate = Candidate.objects.create(campaign=drive, merchant=world["fruit"])
    with pytest.raises(voting.CampaignError):
        voting.request_code(candidate, PHONE, "zh-hans")
    assert recorded_sms == []


def test_sequential_fifty_confirmations_for_one_phone_count_once(world):
    """The concurrency test's sequential twin: runs on any database."""
    drive, candidate = shortlisted(world)
    hashed = voting.phone_hash(OTHER_PHONE)
    refused = 0
    for _n in range(50):
        try:
            voting.cast(drive, candidate, hashed)
        except voting.CampaignError:
            refused += 1
    assert refused == 49
    assert Vote.objects.filter(campaign=drive).count() == 1


def test_nominating_an_unknown_shop_is_refused_and_a_known_one_is_received(world):
    drive = campaign(world["here"], phase="nominating")
    with pytest.raises(voting.CampaignError) as refused:
        voting.find_merchant(drive, "不存在的店", world["here"])
    assert "不存在的店" in str(refused.value.message)
    # A shop of another community is not in this community's campaign.
    with pytest.raises(voting.CampaignError):
        voting.find_merchant(drive, "建国路五金店", world["there"])
    shop = voting.find_merchant(drive, " 滨湖路鲜果超市 ", world["here"])
    nomination = voting.nominate(drive, shop, "天天清扫门前。", "key-1")
    with pytest.raises(voting.CampaignError) as twice:
        voting.nominate(drive, shop, "天天清扫门前。", "key-1")
    assert twice.value.code == "duplicate"
    candidate = voting.accept(nomination)
    assert voting.accept(Nomination.objects.get(pk=nomination.pk)) == candidate
    assert Candidate.objects.filter(campaign=drive).count() == 1


def test_results_are_confirmed_once_voting_closed_and_then_frozen(world):
    drive, candidate = shortlisted(world, phase="counting")
    Vote.objects.create(campaign=drive, candidate=candidate, phone_hash="a")
    Vote.objects.create(campaign=drive, candidate=candidate, phone_hash="b")
    voting.confirm_results(drive, None)
    candidate.refresh_from_db()
    assert candidate.confirmed_votes == 2
    assert drive.phase() == Phase.RESULTS
    with pytest.raises(voting.CampaignError):
        voting.confirm_results(drive, None)

    open_drive, _candidate = shortlisted(world, title="进行中")
    with pytest.raises(voting.CampaignError):
        voting.confirm_results(open_drive, None)


def test_expired_codes_are_purged(world, recorded_sms):
    _drive, candidate = shortlisted(world)
    voting.request_code(candidate, PHONE, "zh-hans")
    assert voting.purge_codes(timezone.now()) == 0
    assert voting.purge_codes(timezone.now() + dt.timedelta(minutes=11)) == 1
    assert not VoteCode.objects.exists()


def test_the_daily_purge_command_deletes_codes_expired_a_day_ago(world, recorded_sms):
    from django.core.management import call_command

    _drive, candidate = shortlisted(world)
    voting.request_code(candidate, PHONE, "zh-hans")
    call_command("purge_vote_codes")
    assert VoteCode.objects.count() == 1  # still within its day
    with time_machine.travel(timezone.now() + dt.timedelta(days=2), tick=False):
        call_command("purge_vote_codes")
    assert not VoteCode.objects.exists()
