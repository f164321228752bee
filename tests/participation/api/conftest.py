"""What the API tests share: a small station tree with a duty list, a partner's key,
and texts recorded instead of sent."""

import pytest

from tests.participation.report_builders import api_key


@pytest.fixture(autouse=True)
def recorded_sms(recorded_sms):
    """Every test here records its texts (tests/participation/conftest.py)."""
    return recorded_sms


@pytest.fixture
def key(db) -> str:
    return api_key("partner-key-0123456789abcdefghijklmnop")
