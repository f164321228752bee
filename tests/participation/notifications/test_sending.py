"""One notification module (participation/notifications/): every message recorded,
sent once per idempotency key, retried when trying again may help, and its full
recipient and text erased once it is done."""

import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from wagtail.models import Site

from participation.notifications.links import absolute_url
from participation.notifications.models import DeliveryStatus, Notification
from participation.notifications.sending import send_email, send_sms, send_webhook
from participation.notifications.sms import SmsError

pytestmark = pytest.mark.django_db


class FlakyMailServer(EmailBackend):
    """Refuses the first `failures` messages as a mail server that is down would."""

    failures = 0

    def send_messages(self, messages):
        if FlakyMailServer.failures:
            FlakyMailServer.failures -= 1
            raise smtplib.SMTPServerDisconnected("connection lost")
        return super().send_messages(messages)


class RefusingSmsSender:
    """A provider that answers every message with the error it was built with."""

    calls = 0
    retryable = False

    def send(self, message):
        RefusingSmsSender.calls += 1
        raise SmsError("isv.MOBILE_NUMBER_ILLEGAL", retryable=self.retryable)


def test_a_message_is_sent_from_the_configured_address_and_recorded(settings):
    settings.DEFAULT_FROM_EMAIL = "城管进社区 <noreply@cg.example.gov.cn>"
    sent = send_email(
        key="k1", to="li@example.org", template="t", subject="主题", body="正文"
    )
    assert mail.outbox[0].from_email == "城管进社区 <noreply@cg.example.gov.cn>"
    assert mail.outbox[0].subject == "主题"
    assert sent.status == DeliveryStatus.SENT and sent.attempts == 1
    # Done: the address and the text are gone, a masked address stays.
    assert sent.recipient == "l***@example.org" and sent.body == ""


def test_the_same_idempotency_key_never_sends_twice(recorded_sms):
    first = send_sms(
        key="report:1:received:sms",
        phone="13812345678",
        template="report_received",
        params={"reference": "ABC"},
        text="已收到",
    )
    again = send_sms(
        key="report:1:received:sms",
        phone="13812345678",
        template="report_received",
        params={"reference": "ABC"},
        text="已收到",
    )
    assert first is not None and again is None
    assert len(recorded_sms) == 1
    assert Notification.objects.count() == 1


def test_an_sms_carries_the_template_code_parameters_and_signature(
    settings, recorded_sms
):
    settings.PORTAL_SMS_TEMPLATES = {"report_received": "SMS_460000001"}
    settings.PORTAL_SMS_SIGNATURE = "某市城管"
    send_sms(
        key="k",
        phone="13812345678",
        template="report_received",
        params={"reference": "ABC", "link": "https://x/t/1"},
        text="反映 ABC 已收到。",
    )
    message = recorded_sms[0][2]
    assert message.template_code == "SMS_460000001"
    assert message.params == {"reference": "ABC", "link": "https://x/t/1"}
    assert message.signature == "某市城管"
    stored = Notification.objects.get()
    assert stored.recipient == "138****5678" and stored.params == {}


def test_a_mail_server_that_is_down_is_tried_again(settings):
    settings.EMAIL_BACKEND = f"{__name__}.FlakyMailServer"
    FlakyMailServer.failures = 1
    sent = send_email(key="k", to="li@example.org", template="t", subject="s", body="b")
    assert sent.status == DeliveryStatus.SENT and sent.attempts == 2
    FlakyMailServer.failures = 5
    failed = send_email(
        key="k2", to="li@example.org", template="t", subject="s", body="b"
    )
    assert failed.status == DeliveryStatus.FAILED and failed.attempts == 3
    assert "connection lost" in failed.error


def test_a_refused_sms_is_recorded_and_not_tried_again(settings):
    settings.PORTAL_SMS_BACKEND = f"{__name__}.RefusingSmsSender"
    RefusingSmsSender.calls = 0
    failed = send_sms(key="k", phone="13812345678", template="t", params={}, text="x")
    assert RefusingSmsSender.calls == 1
    assert failed.status == DeliveryStatus.FAILED
    assert failed.error == "isv.MOBILE_NUMBER_ILLEGAL"


def test_a_group_robot_gets_the_text_as_wecom_and_dingtalk_read_it(stub):
    sent = send_webhook(
        key="k",
        url=f"{stub.url}/cgi-bin/webhook/send?key=x",
        template="t",
        text="新反映",
    )
    assert sent.status == DeliveryStatus.SENT
    assert stub.received[0].json() == {"msgtype": "text", "text": {"content": "新反映"}}
    # The robot's key in the address is not kept.
    assert "key=x" not in sent.recipient


def test_a_robot_answering_5xx_is_tried_again_and_4xx_is_not(stub):
    stub.answers = [(502, "bad gateway"), (503, "busy")]
    sent = send_webhook(key="k1", url=stub.url, template="t", text="a")
    assert sent.status == DeliveryStatus.SENT and sent.attempts == 3
    stub.answers = [(400, {"errcode": 40008, "errmsg": "invalid message type"})]
    failed = send_webhook(key="k2", url=stub.url, template="t", text="b")
    assert failed.status == DeliveryStatus.FAILED and failed.attempts == 1
    assert failed.error == "HTTP 400"
    stub.answers = [(200, {"errcode": 93000, "errmsg": "invalid webhook url"})]
    refused = send_webhook(key="k3", url=stub.url, template="t", text="c")
    assert refused.status == DeliveryStatus.FAILED and "93000" in refused.error


def test_an_unreachable_robot_is_recorded_as_failed_after_its_tries():
    failed = send_webhook(key="k", url="http://127.0.0.1:9/", template="t", text="x")
    assert failed.status == DeliveryStatus.FAILED and failed.attempts == 3
    assert "unreachable" in failed.error


def test_links_in_messages_use_the_sites_host_name(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://fallback.example"
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "cg.example.gov.cn", 443
    site.save()
    assert (
        absolute_url("/zh-hans/report/") == "https://cg.example.gov.cn/zh-hans/report/"
    )
    site.hostname = "localhost"
    site.save()
    assert absolute_url("/r/") == "https://fallback.example/r/"
