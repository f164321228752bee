"""Two communities: meetings of the first, and one of the second that its staff must
never see."""

import pytest

from tests.participation.builders import two_communities


@pytest.fixture(scope="module")
def shared_world(module_transaction):
    return two_communities(module_transaction)
