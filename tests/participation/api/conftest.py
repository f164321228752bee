"""What the API tests share: a small station tree with a duty list, a partner's key,
and texts recorded instead of sent."""

import pytest

from participation.notifications.sms import RecordingSmsSender
from tests.participation.report_builders import api_key


@pytest.fixture(autouse=True)
def recorded_sms(settings):
    settings.PORTAL_SMS_BACKEND = "participation.notifications.sms.RecordingSmsSender"
    RecordingSmsSender.outbox = []


@pytest.fixture
def key(db) -> str:
    return api_key("partner-key-0123456789abcdefghijklmnop")
