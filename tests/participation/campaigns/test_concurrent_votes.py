"""One vote per phone number per campaign under load: fifty confirmations of one
number's codes at the same moment count once (the database's unique constraint on
campaign and phone hash decides). Its sequential twin is in test_voting.py."""

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.db import connections
from django.utils import timezone

from participation.campaigns import voting
from participation.campaigns.models import Candidate, Vote, VoteCode
from participation.submissions import hash_token
from tests.notices.merchant_builders import campaign, merchant
from tests.notices.station_builders import small_tree
from tests.participation.campaigns.conftest import PHONE

on_postgres = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason=(
        "needs PostgreSQL: SQLite serialises writers, so there is no race to test "
        "(the sequential twin runs everywhere)"
    ),
)


@on_postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_confirmations_for_one_phone_count_once(bilingual_site):
    _d, _district, _sub, (here,) = small_tree(
        bilingual_site, communities=1, staff_per_community=0, photos=False
    )
    drive = campaign(here, phase="voting")
    candidate = Candidate.objects.create(campaign=drive, merchant=merchant(here))
    hashed = voting.phone_hash(PHONE)
    tokens = [f"token-{n}" for n in range(50)]
    for token in tokens:
        VoteCode.objects.create(
            campaign=drive,
            candidate=candidate,
            token_hash=hash_token(token),
            phone_hash=hashed,
            code_hash=voting.code_hash(hash_token(token), "123456"),
            expires_at=timezone.now() + dt.timedelta(minutes=10),
        )
    start = threading.Barrier(50)

    def confirm(token: str) -> str:
        try:
            pending = voting.find_code(token)
            start.wait(timeout=30)
            try:
                voting.confirm_code(pending, "123456")
            except voting.CampaignError as error:
                return error.code
            return "counted"
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=50) as pool:
        outcomes = list(pool.map(confirm, tokens))
    assert outcomes.count("counted") == 1
    assert outcomes.count("already-voted") == 49
    assert Vote.objects.filter(campaign=drive).count() == 1
