"""Partners' status webhooks (participation/api/webhooks.py): a change of a report's
state reaches the partner's address, signed with its key's secret, once per change;
a 5xx or an unreachable address is tried again, a 4xx is not; every attempt is
recorded on the delivery; only public fields leave."""

import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django_tasks import default_task_backend

from participation.api.keys import ApiKey
from participation.api.webhooks import (
    MAX_ATTEMPTS,
    SIGNATURE_HEADER,
    WebhookDelivery,
    deliver_webhook,
    queue_status_change,
)
from participation.models import ReportEvent
from participation.reports.staff_actions import accept
from participation.submissions import hash_token
from tests.participation.report_builders import (
    PLANTED_EMAIL,
    PLANTED_NAME,
    PLANTED_PHONE,
    planted_report,
    staff_user,
)

pytestmark = pytest.mark.django_db

SECRET = "s" * 64


class Partner:
    """A partner's webhook on 127.0.0.1: records each POST and answers with the
    next of `statuses` (the last one repeats)."""

    def __init__(self, statuses=(200,)):
        self.statuses = list(statuses)
        self.received: list[tuple[dict, bytes]] = []
        partner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 -- http.server's name
                body = self.rfile.read(int(self.headers["Content-Length"]))
                partner.received.append((dict(self.headers), body))
                status = (
                    partner.statuses.pop(0)
                    if len(partner.statuses) > 1
                    else partner.statuses[0]
                )
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/open311-hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def partner_key(url: str, name: str = "12345") -> ApiKey:
    return ApiKey.objects.create(
        name=name,
        prefix=name[:8],
        key_hash=hash_token(f"raw-{name}"),
        webhook_url=url,
        webhook_secret=SECRET,
    )


def change_state(world, django_capture_on_commit_callbacks):
    """A report accepted by staff; the webhook tasks run when the change commits
    (the immediate backend of the tests)."""
    officer = staff_user(world.a, "view_report", "change_report")
    report = planted_report(world.a).report
    with django_capture_on_commit_callbacks(execute=True):
        accept(report, by=officer)
    return report


def test_a_status_change_reaches_the_partner_signed_with_its_secret(
    world, django_capture_on_commit_callbacks
):
    with Partner() as partner:
        partner_key(partner.url)
        report = change_state(world, django_capture_on_commit_callbacks)
    ((headers, body),) = partner.received
    expected = hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    assert headers[SIGNATURE_HEADER] == f"sha256={expected}"
    assert headers["Content-Type"].startswith("application/json")
    payload = json.loads(body)
    assert payload["previous_state"] == "submitted" and payload["state"] == "accepted"
    sent = payload["service_request"]
    assert sent["service_request_id"] == report.reference
    assert sent["status"] == "open" and sent["address"] == world.a.title
    text = body.decode()
    for secret in (PLANTED_NAME, PLANTED_PHONE, PLANTED_EMAIL, "家门口"):
        assert secret not in text
    delivery = WebhookDelivery.objects.get()
    assert headers["X-Open311-Delivery"] == str(delivery.pk)
    assert (delivery.status, delivery.attempts, delivery.response_code) == (
        "sent",
        1,
        200,
    )


def test_a_5xx_is_tried_again_with_the_same_body_and_delivery_id(
    world, django_capture_on_commit_callbacks
):
    with Partner(statuses=(503, 502, 200)) as partner:
        partner_key(partner.url)
        change_state(world, django_capture_on_commit_callbacks)
    assert len(partner.received) == 3
    assert len({body for _headers, body in partner.received}) == 1
    assert len({h["X-Open311-Delivery"] for h, _body in partner.received}) == 1
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("sent", 3)


def test_a_4xx_is_not_tried_again_and_is_recorded(
    world, django_capture_on_commit_callbacks
):
    with Partner(statuses=(400,)) as partner:
        partner_key(partner.url)
        change_state(world, django_capture_on_commit_callbacks)
    assert len(partner.received) == 1
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.error) == (
        "failed",
        1,
        "HTTP 400",
    )


def test_an_unreachable_webhook_is_tried_up_to_the_limit_then_failed(
    world, django_capture_on_commit_callbacks
):
    with Partner() as partner:
        url = partner.url
    partner_key(url)  # the server is gone: the port refuses connections
    report = change_state(world, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("failed", MAX_ATTEMPTS)
    assert delivery.error
    report.refresh_from_db()
    assert report.state == "accepted"  # the change itself stands


def test_where_the_backend_can_defer_the_next_attempt_waits(world, settings):
    with Partner(statuses=(503,)) as partner:
        partner_key(partner.url)
        report = planted_report(world.a).report
        event = ReportEvent.objects.create(
            report=report, kind="state", from_state="submitted", to_state="accepted"
        )
        settings.TASKS = {
            "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
        }
        delivery = WebhookDelivery.objects.get(event=event)
        assert deliver_webhook.call(delivery.pk) == "queued"
        (retry,) = default_task_backend.results
    assert list(retry.args) == [delivery.pk]
    delivery.refresh_from_db()
    assert retry.task.run_after > delivery.attempted_at
    assert delivery.attempts == 1 and delivery.error == "HTTP 503"


def test_each_change_is_queued_once_per_key_and_never_for_revoked_keys(world):
    report = planted_report(world.a).report
    active = partner_key("http://127.0.0.1:9/a", "active")
    revoked = partner_key("http://127.0.0.1:9/b", "revoked")
    ApiKey.objects.filter(pk=revoked.pk).update(revoked_at="2026-01-01T00:00:00Z")
    partner_key("", "no-hook")
    event = ReportEvent.objects.create(
        report=report, kind="state", from_state="submitted", to_state="accepted"
    )
    assert WebhookDelivery.objects.get().api_key == active
    assert queue_status_change(event) == []  # a second call sends nothing more
    assert WebhookDelivery.objects.count() == 1
    ReportEvent.objects.create(report=report, kind="note", text="内部备注")
    assert WebhookDelivery.objects.count() == 1  # a note is no change of state


def test_a_delivery_already_sent_is_not_sent_again(
    world, django_capture_on_commit_callbacks
):
    with Partner() as partner:
        partner_key(partner.url)
        change_state(world, django_capture_on_commit_callbacks)
        delivery = WebhookDelivery.objects.get()
        assert deliver_webhook.call(delivery.pk) == "sent"
    assert len(partner.received) == 1
    delivery.refresh_from_db()
    assert delivery.attempts == 1
