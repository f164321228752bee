"""Text messages to residents, for every kind of submission (reports, volunteers).

Senders implement `send(phone, text)`; settings.PORTAL_SMS_BACKEND names the class:
`ConsoleSmsSender` in development, `RecordingSmsSender` in tests, a provider's gateway
in production.
"""

from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from participation.submissions import mask_phone


class SmsSender(Protocol):
    def send(self, phone: str, text: str) -> None: ...


class ConsoleSmsSender:
    """Development: prints the text instead of sending it."""

    def send(self, phone: str, text: str) -> None:
        print(f"[SMS to {mask_phone(phone)}] {text}")  # noqa: T201 - the console backend's job


class RecordingSmsSender:
    """Tests: keeps what was sent in `RecordingSmsSender.outbox`."""

    outbox: list[tuple[str, str]] = []

    def send(self, phone: str, text: str) -> None:
        type(self).outbox.append((phone, text))


def sms_sender() -> SmsSender:
    return import_string(settings.PORTAL_SMS_BACKEND)()
