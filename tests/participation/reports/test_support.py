"""我也遇到了 (participation/reports/support.py and form_views.report_support): a
resident's support counted on an open report nearby, no report stored, abuse
guarded like the report form, supporters texted the reporter's state messages, and
their phones erased with the report's contact data."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from participation.models import Report, ReportSupporter
from participation.reports.contact_data import purge_contacts
from participation.reports.nearby import report_from_signed, signed_id
from participation.reports.staff_actions import accept, close, reject, resolve
from participation.reports.support import add_support, support_count
from participation.reports.workflow import ReportError
from tests.participation.report_builders import make_report, old_token

pytestmark = pytest.mark.django_db

SUPPORTER_PHONE = "13700001111"


@pytest.fixture
def report(world):
    return make_report(world.a, latitude="34.264100", longitude="117.184100").report


def support_post(report, **overrides) -> dict:
    return {
        "support-report": signed_id(report),
        "support-phone": "",
        "support-form_token": old_token(),
        "support-website": "",
        **overrides,
    }


def test_i_have_this_problem_too_counts_a_supporter_and_stores_no_report(
    client, world, report
):
    response = client.post("/zh-hans/report/support/", support_post(report))
    assert response.status_code == 200
    assert "没有另存新的反映" in response.content.decode()
    assert Report.objects.count() == 1
    supporter = ReportSupporter.objects.get()
    assert supporter.report == report and supporter.language == "zh-hans"
    assert supporter.phone == "" and supporter.consented_at is None
    assert support_count(report) == 1
    assert "no-store" in response["Cache-Control"]


def test_a_phone_left_for_updates_needs_consent_and_nothing_is_stored_without(
    client, world, report
):
    refused = client.post(
        "/en/report/support/",
        support_post(report, **{"support-phone": SUPPORTER_PHONE}),
    )
    assert refused.status_code == 400
    assert ReportSupporter.objects.count() == 0
    soup = BeautifulSoup(refused.content, "html.parser")
    assert "Tick the box" in soup.select_one("#error-summary").text
    # The page offers the same support again, carrying the report's id.
    again = soup.select_one("form.report-support-again input[name=support-report]")
    assert report_from_signed(again["value"]) == report
    accepted = client.post(
        "/en/report/support/",
        support_post(
            report,
            **{"support-phone": "+86 137 0000 1111", "support-consent": "on"},
        ),
    )
    assert accepted.status_code == 200
    assert ReportSupporter.objects.get().phone == SUPPORTER_PHONE


@pytest.mark.parametrize(
    "overrides",
    [
        {"support-website": "http://spam.example"},
        {"support-form_token": "forged"},
        {"support-report": "12"},
        {"support-report": "x" * 5000},
        {"support-phone": "not a phone", "support-consent": "on"},
    ],
)
def test_bots_forged_ids_and_bad_phones_are_refused_and_nothing_counted(
    client, world, report, overrides
):
    response = client.post("/en/report/support/", support_post(report, **overrides))
    assert response.status_code == 400
    assert ReportSupporter.objects.count() == 0


def test_the_same_support_form_sent_twice_counts_once(client, world, report):
    data = support_post(report)
    assert client.post("/en/report/support/", data).status_code == 200
    assert client.post("/en/report/support/", data).status_code == 200
    assert ReportSupporter.objects.count() == 1


def test_a_closed_report_takes_no_more_support(client, world, report):
    data = support_post(report)
    reject(report, "不属于城管职责。", by=None)
    response = client.post("/en/report/support/", data)
    assert response.status_code == 400
    assert "no longer open" in response.content.decode()
    with pytest.raises(ReportError):
        add_support(report)
    assert ReportSupporter.objects.count() == 0


def test_support_is_rate_limited(client, world, report, settings):
    settings.PORTAL_RATE_LIMITS = {"report_support": "1/m"}
    client.post("/en/report/support/", support_post(report))
    assert client.post("/en/report/support/", support_post(report)).status_code == 429
    assert ReportSupporter.objects.filter(report=report).count() == 1


def test_supporters_with_a_phone_get_the_reporters_state_texts(
    world, report, recorded_sms, django_capture_on_commit_callbacks
):
    add_support(report, phone=SUPPORTER_PHONE, consent=True, language="en")
    add_support(report)  # no phone: nothing to send
    with django_capture_on_commit_callbacks(execute=True):
        accept(report, by=None)
    texts = [text for phone, text, _message in recorded_sms if phone == SUPPORTER_PHONE]
    assert texts == [f"Report {report.reference}: Accepted."]  # their language


def test_supporters_phones_are_erased_with_the_reports_contact_data(world, report):
    add_support(report, phone=SUPPORTER_PHONE, consent=True)
    accept(report, by=None)
    resolve(report, "已清理。", by=None)
    close(report, by=None)
    Report.objects.filter(pk=report.pk).update(
        closed_at=timezone.now() - timedelta(days=181)
    )
    other = make_report(world.a).report
    add_support(other, phone="13700002222", consent=True)
    purge_contacts()
    phones = dict(ReportSupporter.objects.values_list("report_id", "phone"))
    assert phones == {report.pk: "", other.pk: "13700002222"}
