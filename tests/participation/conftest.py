"""What the participation tests share: the world their residents act in, built once
per test module (module_transaction, tests/conftest.py) and handed to each test as a
copy. A test's writes are rolled back before the next test, and its changes to the
objects in memory stay in its copy.

The world is report_builders.build_world (a small station tree with a duty list);
a room whose tests need another one overrides `shared_world` in its conftest.py.
"""

import copy

import pytest

from participation.notifications.sms import RecordingSmsSender
from tests.participation.report_builders import build_world


@pytest.fixture(scope="module")
def shared_world(module_transaction):
    return build_world(module_transaction)


@pytest.fixture
def world(db, shared_world):
    return copy.deepcopy(shared_world)


@pytest.fixture
def recorded_sms(settings, tmp_path) -> list:
    """Texts recorded instead of sent: the outbox, emptied (photos written go to a
    temporary folder). A room whose every test needs it makes it autouse in its
    conftest.py by asking for it under the same name."""
    settings.PORTAL_SMS_BACKEND = "participation.notifications.sms.RecordingSmsSender"
    settings.MEDIA_ROOT = tmp_path / "media"
    RecordingSmsSender.outbox = []
    return RecordingSmsSender.outbox


# The role builders' city of two communities, built once per module (shared with the
# portal tests: every role against both communities' records).
from tests.portal.conftest import city, shared_city  # noqa: E402, F401
