"""Demo nominations, shortlists and votes for the demo campaigns (notices/merchants/
demo.py): the campaign in voting gets a shortlist and a few votes; the finished one
gets its shortlist, votes and confirmed results. Votes carry keyed hashes of made-up
numbers (the demo numbers are never stored). Idempotent: candidates and votes are
found by campaign and shop or hash, results are confirmed once."""

from collections.abc import Callable

from django.db import transaction

from notices.merchants.demo import demo_licence
from notices.models import Campaign, Merchant, Phase
from participation.campaigns import voting
from participation.campaigns.models import Candidate, Nomination, NominationStatus, Vote

# (campaign title, [(shop number, votes)])
SHORTLISTS = [
    ("淮海街道“最美商户”评选（演示）", [(2, 3), (5, 1)]),
    ("示范市上半年“最美商户”评选（演示）", [(1, 6), (3, 2), (4, 4)]),
]


def ensure(campaign: Campaign, shops: list[tuple[int, int]]) -> None:
    for number, votes in shops:
        merchant = Merchant.objects.filter(licence_number=demo_licence(number)).first()
        if merchant is None:
            continue
        Nomination.objects.get_or_create(
            submission_key=f"demo-{campaign.pk}-{number}",
            defaults={
                "campaign": campaign,
                "merchant": merchant,
                "reason": "门前三包落实得好，主动帮助邻居。（演示数据）",
                "status": NominationStatus.ACCEPTED,
            },
        )
        candidate, _created = Candidate.objects.get_or_create(
            campaign=campaign, merchant=merchant
        )
        for voter in range(votes):
            Vote.objects.get_or_create(
                campaign=campaign,
                phone_hash=voting.phone_hash(f"demo-{number}-{voter}"),
                defaults={"candidate": candidate},
            )


@transaction.atomic
def load(stdout_write: Callable[[str], None]) -> None:
    confirmed = 0
    for title, shops in SHORTLISTS:
        campaign = Campaign.objects.filter(title=title).first()
        if campaign is None:
            continue
        ensure(campaign, shops)
        if campaign.phase() == Phase.COUNTING:
            voting.confirm_results(campaign, None)
            confirmed += 1
    stdout_write(
        f"Campaigns: {Vote.objects.count()} votes, {confirmed} results confirmed."
    )
