"""Publication (participation/reports/publication.py): text naming the resident or a
phone is refused."""

import pytest

from participation.reports.publication import publish
from participation.reports.workflow import ReportError
from tests.participation.report_builders import PLANTED_NAME, PLANTED_PHONE

pytestmark = pytest.mark.django_db


def test_publishing_text_with_a_phone_or_the_name_is_refused(world, officer, planted):
    with pytest.raises(ReportError):
        publish(planted, by=officer, title="t", text=f"联系 {PLANTED_PHONE}")
    with pytest.raises(ReportError):
        publish(planted, by=officer, title=PLANTED_NAME, text="x")
