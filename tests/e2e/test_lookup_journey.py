"""Journey: a resident lost the tracking link of her report. From the footer of the
home page she opens 查询进度, enters the reference and her number as she writes it,
gets the same answer a stranger would, and the text message brings her back to her
report. On a phone with JavaScript off."""

import pytest

from participation.notifications.sms import RecordingSmsSender
from tests.e2e.builders import current_site, stations, zh
from tests.e2e.conftest import PHONE
from tests.participation.report_builders import make_report


@pytest.fixture
def lost(forms_site):
    town = stations(current_site())
    report = make_report(
        town.community, name="李秘密", phone="13912345678", consent=True
    ).report
    RecordingSmsSender.outbox = []
    return report


def test_a_lost_report_link_comes_back_by_text_message(journey, lost):
    visit = journey(viewport=PHONE, javascript=False, name="lookup-phone-nojs")
    page = visit.page
    visit.goto("/zh-hans/")
    page.locator(".site-footer").get_by_role("link", name="查询进度").click()
    assert page.locator("h1").inner_text() == "查询进度"
    page.get_by_label("编号", exact=True).fill(lost.reference.lower())
    page.get_by_label("您留下的手机号码").fill("+86 139 1234 5678")
    visit.screenshot("lookup-form")
    page.get_by_role("button", name=zh("Send me the link")).click()
    answer = page.locator("[role=status]").inner_text()
    assert zh("If the details match, the link is on its way") in answer
    visit.screenshot("lookup-answer")

    ((phone, text, _message),) = RecordingSmsSender.outbox
    assert phone == "13912345678" and lost.reference in text
    link = text.split()[-1]
    page.goto(visit.base_url + link[link.index("/zh-hans/") :])
    assert lost.reference in page.locator("h1").inner_text()
    assert visit.outside == [] and visit.horizontal_overflow() == 0
