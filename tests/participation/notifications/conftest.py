import pytest

from tests.participation.notifications.stub_server import StubServer


@pytest.fixture
def stub():
    server = StubServer().start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def recorded_sms(recorded_sms):
    """Every test here records its texts (tests/participation/conftest.py)."""
    return recorded_sms
