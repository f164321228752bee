"""Registration messages (participation/registrations/tasks.py): the confirmation
by mail (none without an email) and by text message with the manage link, and the
day-before reminder sent once."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from participation.notifications.models import Notification
from tests.notices.event_builders import event_index, make_event
from tests.participation.registration_builders import sign_up

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(bilingual_site):
    return event_index(bilingual_site.home_zh)


@pytest.fixture
def event(events):
    """An event starting next week that takes registrations."""
    return make_event(events)


def test_confirmation_mail_holds_reference_and_manage_link(
    event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        outcome = sign_up(event, 1, email="resident@example.org", language="en")
    (message,) = mail.outbox
    assert outcome.registration.reference in message.body
    assert f"/en/event-registration/manage/{outcome.token}/" in message.body
    assert "Beijing time" in message.body


def test_every_registration_is_confirmed_by_text_with_its_manage_link(
    client, event, recorded_sms, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        outcome = sign_up(event, 1, language="zh-hans")  # from the Chinese site
    ((phone, text, _message),) = recorded_sms
    assert phone == outcome.registration.phone
    assert outcome.registration.reference in text and "报名成功" in text
    link = f"http://testserver/zh-hans/event-registration/manage/{outcome.token}/"
    assert text.endswith(link)
    assert client.get(link).status_code == 200
    # Recorded with the number masked and the text (a key to the registration)
    # erased once sent.
    record = Notification.objects.get(template="registration_confirmation")
    assert record.recipient == "139****0001" and record.body == ""


def test_no_email_no_mail(event, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(event, 1)
    assert mail.outbox == []


def test_reminders_go_out_once_the_day_before_to_those_with_email(events):
    tomorrow = timezone.localtime() + timedelta(days=1)
    event = make_event(events, start=tomorrow.replace(hour=10, minute=0))
    later = make_event(events, title="普法讲座", start=tomorrow + timedelta(days=3))
    sign_up(event, 1, email="a@example.org")
    sign_up(event, 2)
    sign_up(later, 3, email="later@example.org")
    mail.outbox.clear()
    call_command("send_event_reminders", stdout=io.StringIO())
    call_command("send_event_reminders", stdout=io.StringIO())
    assert [m.to for m in mail.outbox] == [["a@example.org"]]
