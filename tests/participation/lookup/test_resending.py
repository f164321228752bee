"""Which submissions a look-up finds and what it does to them
(participation/lookup/resending.py): only the pair of reference and number, each
kind by its own number, a fresh link each time, none whose number is erased."""

import pytest
from django_tasks import default_task_backend

from participation.lookup.resending import ask_again, matching, phone_digest, resend
from participation.reports.contact_data import delete_contact
from participation.submissions import hash_token
from tests.participation.lookup.conftest import OTHER_PHONE, PHONE

pytestmark = pytest.mark.django_db


def test_only_the_right_number_finds_a_submission(report):
    reference = report.item.reference
    assert [item for _kind, item in matching(reference, phone_digest(PHONE))] == [
        report.item
    ]
    assert matching(reference, phone_digest(OTHER_PHONE)) == []
    assert matching("ZZZZZZZZ", phone_digest(PHONE)) == []


def test_each_look_up_gives_a_fresh_link_and_only_its_hash_is_kept(
    report, recorded_sms
):
    digest = phone_digest(PHONE)
    assert resend(report.item.reference, digest, "zh-hans") == 1
    assert resend(report.item.reference, digest, "zh-hans") == 1
    first, second = (
        text.split()[-1].rstrip("/").rsplit("/", 1)[1] for _p, text, _m in recorded_sms
    )
    assert first != second
    report.item.refresh_from_db()
    assert report.item.token_hash == hash_token(second)
    assert report.item.token_hash != hash_token(first)  # the lost link opens no more


def test_a_report_whose_contact_was_erased_is_found_no_more(report, recorded_sms):
    delete_contact(report.item, reason="resident")
    assert resend(report.item.reference, phone_digest(PHONE), "zh-hans") == 0
    assert recorded_sms == []


def test_the_number_reaches_the_task_queue_only_as_a_keyed_hash(
    settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }
    with django_capture_on_commit_callbacks(execute=True):
        ask_again("AB12CD34", PHONE, "zh-hans")
    (queued,) = default_task_backend.results
    assert list(queued.args) == ["AB12CD34", phone_digest(PHONE), "zh-hans"]
    assert PHONE not in repr(queued.args) + repr(queued.kwargs)
    assert phone_digest(PHONE) != phone_digest(OTHER_PHONE)
