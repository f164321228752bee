"""What the look-up tests share: the reports' small station tree (tests/participation
/conftest.py), texts recorded instead of sent, and a submission of each kind whose
resident gave the same mobile number."""

import time
from dataclasses import dataclass

import pytest
from wagtail.models import Page

from participation.abuse import form_token
from participation.notifications.sms import RecordingSmsSender
from participation.registrations.rules import register
from participation.roundtables.proposals import propose_with_link
from participation.volunteers.models import VolunteerTeam
from participation.volunteers.signups import sign_up
from tests.notices.event_builders import event_index, make_event
from tests.participation.report_builders import make_report
from tests.participation.roundtable_builders import meeting

PHONE = "13912345678"
OTHER_PHONE = "13800001111"


@pytest.fixture(autouse=True)
def recorded_sms(recorded_sms):
    """Every test here records its texts (tests/participation/conftest.py)."""
    return recorded_sms


@dataclass
class Submitted:
    item: object
    token: str


@pytest.fixture
def report(world):
    sent = make_report(world.a, name="李秘密", phone=PHONE, consent=True)
    RecordingSmsSender.outbox.clear()  # the "received" text
    return Submitted(sent.report, sent.token)


@pytest.fixture
def registration(world):
    home = Page.objects.get(pk=world.site.home_zh.pk)  # as it is now, children added
    event = make_event(event_index(home), capacity=5)
    outcome = register(event, name="王秀英", phone=PHONE)
    RecordingSmsSender.outbox.clear()
    return Submitted(outcome.registration, outcome.token)


@pytest.fixture
def signup(world):
    team = VolunteerTeam.objects.create(
        locale=world.site.zh, name="城管志愿者", kind="city_volunteers", places=10
    )
    outcome = sign_up(
        team=team,
        community=world.a,
        name="王秀英",
        phone=PHONE,
        age_bracket="60_74",
        days=[2],
        time_slots=["morning"],
    )
    RecordingSmsSender.outbox.clear()
    return Submitted(outcome.signup, outcome.token)


@pytest.fixture
def proposal(world):
    proposed = propose_with_link(
        meeting(world.a),
        topic="餐馆油烟扰民",
        description="油烟直排。",
        contact_phone=PHONE,
        contact_consent=True,
    )
    RecordingSmsSender.outbox.clear()
    return Submitted(proposed.proposal, proposed.token)


def lookup_data(reference: str, phone: str = PHONE, **overrides) -> dict:
    return {
        "reference": reference,
        "phone": phone,
        "website": "",
        "form_token": form_token(issued_at=time.time() - 60),
        **overrides,
    }


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """client.post, with what the view queues once its transaction commits run
    (the look-up task: immediate in tests)."""

    def send(url: str, data: dict, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data, **extra)

    return send
