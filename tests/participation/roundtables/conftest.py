"""Two communities: meetings of the first, and one of the second that its staff must
never see."""

import pytest

from tests.participation.builders import two_communities


@pytest.fixture
def world(bilingual_site):
    return two_communities(bilingual_site)
