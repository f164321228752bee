"""The lenient-enforcement catalogue (notices/lists/catalogue.py): batches in force by
the local date, bad rows refused."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import translation

from notices.lists.catalogue import LenientCataloguePage, RepealedLaw
from tests.notices.list_builders import batch, catalogue, codes_on, lenient_item

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_a_batch_taking_effect_tomorrow_is_absent_today_and_present_tomorrow(
    client, bilingual_site
):
    catalogue(
        bilingual_site.home_zh,
        batches=[batch("B1"), batch("B2", date(2026, 3, 11))],
        items=[lenient_item("01"), lenient_item("02", batch="B2")],
    )
    with time_machine.travel(datetime(2026, 3, 10, 23, 50, tzinfo=SHANGHAI)):
        assert codes_on(client.get("/zh-hans/lenient-catalogue/")) == ["01"]
        upcoming = client.get("/zh-hans/lenient-catalogue/?status=upcoming")
        assert codes_on(upcoming) == ["02"]
    with time_machine.travel(datetime(2026, 3, 11, 0, 10, tzinfo=SHANGHAI)):
        assert codes_on(client.get("/zh-hans/lenient-catalogue/")) == ["01", "02"]


def test_a_catalogue_with_bad_rows_cannot_be_saved(bilingual_site):
    page = LenientCataloguePage(title="包容清单", slug="c")
    page.batches = [batch()]
    page.repealed_laws = [
        RepealedLaw(name="《城市市容和环境卫生管理条例》", repealed_on=date(2020, 1, 1))
    ]
    page.items = [lenient_item("01")]
    with translation.override("en"), pytest.raises(ValidationError) as raised:
        page.full_clean()
    assert any("was repealed on 2020-01-01" in m for m in raised.value.messages)
