"""Text messages through a provider. Mainland providers (Aliyun SMS, Tencent Cloud
SMS) send only a template they approved beforehand: its code, its parameters and the
sender's signature (签名). Every sender takes an `SmsMessage` carrying all three, and
the text the template reads as, for the console and the tests.

settings.PORTAL_SMS_BACKEND names the sender class: `ConsoleSmsSender` in
development, `RecordingSmsSender` in tests, a provider's sender in production
(participation/notifications/providers.py). settings.PORTAL_SMS_TEMPLATES maps each
message of the portal to the provider's template code, PORTAL_SMS_SIGNATURE is the
signature.
"""

from dataclasses import dataclass, field
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from participation.submissions import mask_phone


@dataclass(frozen=True)
class SmsMessage:
    phone: str
    template_code: str
    params: dict[str, str] = field(default_factory=dict)
    signature: str = ""
    text: str = ""


class SmsError(Exception):
    """The provider refused or could not be reached; `retryable` when trying again
    later may help (a server error or no answer), not when the request was wrong."""

    def __init__(self, reason: str, retryable: bool = False):
        super().__init__(reason)
        self.reason = reason
        self.retryable = retryable


class SmsSender(Protocol):
    def send(self, message: SmsMessage) -> str:
        """Send one message; returns the provider's id for it."""
        ...


class ConsoleSmsSender:
    """Development: prints the message instead of sending it."""

    def send(self, message: SmsMessage) -> str:
        print(  # noqa: T201 - the console backend's job
            f"[SMS to {mask_phone(message.phone)}, template {message.template_code}, "
            f"{message.signature}] {message.text}"
        )
        return "console"


class RecordingSmsSender:
    """Tests: keeps what was sent in `RecordingSmsSender.outbox` as (phone, text,
    message) tuples."""

    outbox: list[tuple[str, str, SmsMessage]] = []

    def send(self, message: SmsMessage) -> str:
        type(self).outbox.append((message.phone, message.text, message))
        return f"recorded-{len(type(self).outbox)}"


def sms_sender() -> SmsSender:
    return import_string(settings.PORTAL_SMS_BACKEND)()


def template_code(template: str) -> str:
    """The provider's code for one of the portal's messages; the message's own name
    where none is configured (the console and test senders need none)."""
    return (getattr(settings, "PORTAL_SMS_TEMPLATES", None) or {}).get(
        template, template
    )
