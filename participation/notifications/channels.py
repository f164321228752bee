"""Delivering one recorded message on its channel. Each function returns the
provider's id for the message or raises `DeliveryError` saying whether trying again
may help."""

import json
import smtplib
import urllib.error
import urllib.request

from django.conf import settings
from django.core.mail import EmailMessage

from participation.notifications.models import Channel, Notification
from participation.notifications.sms import SmsError, SmsMessage, sms_sender

WEBHOOK_TIMEOUT = 10


class DeliveryError(Exception):
    def __init__(self, reason: str, retryable: bool):
        super().__init__(reason)
        self.reason = reason
        self.retryable = retryable


def deliver_email(notification: Notification) -> str:
    message = EmailMessage(
        notification.subject,
        notification.body,
        settings.DEFAULT_FROM_EMAIL,
        [notification.recipient],
    )
    try:
        message.send()
    except smtplib.SMTPRecipientsRefused as error:
        raise DeliveryError(f"address refused: {error}", retryable=False) from error
    except (smtplib.SMTPException, OSError) as error:
        raise DeliveryError(f"mail server: {error}", retryable=True) from error
    return ""


def deliver_sms(notification: Notification) -> str:
    message = SmsMessage(
        phone=notification.recipient,
        template_code=notification.params.get("template_code", ""),
        params=dict(notification.params.get("params", [])),
        signature=notification.params.get("signature", ""),
        text=notification.body,
    )
    try:
        return sms_sender().send(message) or ""
    except SmsError as error:
        raise DeliveryError(error.reason, retryable=error.retryable) from error


def robot_payload(text: str) -> bytes:
    """A text message as WeCom's and DingTalk's group robots both read it."""
    return json.dumps(
        {"msgtype": "text", "text": {"content": text}}, ensure_ascii=False
    ).encode()


def deliver_webhook(notification: Notification) -> str:
    request = urllib.request.Request(  # noqa: S310 - the address is staff-entered https
        notification.recipient,
        data=robot_payload(notification.body),
        headers={"Content-Type": "application/json; charset=utf-8"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=WEBHOOK_TIMEOUT) as response:  # noqa: S310
            answer = response.read(10000)
    except urllib.error.HTTPError as error:
        raise DeliveryError(
            f"HTTP {error.code}", retryable=error.code >= 500 or error.code == 429
        ) from error
    except (urllib.error.URLError, OSError) as error:
        raise DeliveryError(f"unreachable: {error}", retryable=True) from error
    try:
        result = json.loads(answer or b"{}")
    except ValueError:
        result = {}
    code = result.get("errcode", 0) if isinstance(result, dict) else 0
    if code:
        # -1: the robot's service is busy; anything else is a wrong request.
        raise DeliveryError(
            f"robot error {code}: {result.get('errmsg', '')}"[:200],
            retryable=code == -1,
        )
    return ""


DELIVER = {
    Channel.EMAIL: deliver_email,
    Channel.SMS: deliver_sms,
    Channel.WEBHOOK: deliver_webhook,
}
