"""What the API tests share: a small station tree with a duty list, a partner's key,
and texts recorded instead of sent."""

import pytest

from participation.models import ApiKey
from participation.sms import RecordingSmsSender
from participation.submissions import hash_token
from tests.participation.report_builders import build_world


@pytest.fixture(autouse=True)
def recorded_sms(settings):
    settings.PORTAL_SMS_BACKEND = "participation.sms.RecordingSmsSender"
    RecordingSmsSender.outbox = []


@pytest.fixture
def world(bilingual_site):
    return build_world(bilingual_site)


@pytest.fixture
def key(db) -> str:
    raw = "partner-key-0123456789abcdefghijklmnop"
    ApiKey.objects.create(name="12345", prefix=raw[:8], key_hash=hash_token(raw))
    return raw
