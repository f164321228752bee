"""Builders for the registration tests: residents registering, the form's data."""

import time

from participation.abuse import form_token
from participation.registrations.models import RegistrationStatus
from participation.registrations.rules import register

CONFIRMED = RegistrationStatus.CONFIRMED
WAITING = RegistrationStatus.WAITING


def phone(n: int) -> str:
    return f"139{n:08d}"


def sign_up(event, n: int, **kwargs):
    return register(event, name=f"居民{n}", phone=phone(n), **kwargs)


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
