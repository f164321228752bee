"""Builders for the registration tests: residents registering, the form's data."""

import time

from participation.abuse import form_token
from participation.registrations.models import RegistrationStatus
from participation.registrations.rules import register
from tests.notices.event_builders import event_index, make_event, station_tree

CONFIRMED = RegistrationStatus.CONFIRMED
WAITING = RegistrationStatus.WAITING


def phone(n: int) -> str:
    return f"139{n:08d}"


def sign_up(event, n: int, **kwargs):
    return register(event, name=f"居民{n}", phone=phone(n), **kwargs)


def staffed_events(home) -> tuple:
    """A station tree and an event index under `home`, and a registration at an event
    of the staff's community, one of a far community and one citywide (an address,
    no station)."""
    stations = station_tree(home)
    events = event_index(home)
    here = make_event(events, title="民主社区开放日", community=stations.community)
    there = make_event(events, title="彭城社区普法", community=stations.far)
    citywide = make_event(events, title="全市公益集市", address="市民广场")
    for event in (here, there, citywide):
        register(event, name="李小龙", phone="13700001111")
    return stations, here, there, citywide


def served_form(key: str = "k" * 32) -> str:
    """The signed token of a form served a minute ago (people are not that fast)."""
    return form_token(issued_at=time.time() - 60, key=key)


def form_data(key: str = "k" * 32, **overrides) -> dict:
    return {
        "name": "王秀英",
        "phone": "13912345678",
        "email": "",
        "party_size": "1",
        "notes": "",
        "join_waitlist": "on",
        "consent": "on",
        "form_token": served_form(key),
        **overrides,
    }
