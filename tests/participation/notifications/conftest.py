import pytest

from participation.notifications.sms import RecordingSmsSender
from tests.participation.notifications.stub_server import StubServer


@pytest.fixture
def stub():
    server = StubServer().start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def recorded_sms(settings):
    settings.PORTAL_SMS_BACKEND = "participation.notifications.sms.RecordingSmsSender"
    RecordingSmsSender.outbox = []
    return RecordingSmsSender.outbox
