"""Instant alerts through the real worker (participation/reports/alerts.py): with
django-tasks' database backend and its worker running (not the immediate backend), a
new report makes the SMS provider receive the template message for the community's
on-duty staff within a minute. A module of its own: its test commits."""

import json
import threading
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import OperationalError, connection
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from participation.models import AlertSetting
from tests.participation.notifications.stub_server import StubServer
from tests.participation.report_builders import build_world, make_report
from tests.participation.reports.test_alerts import link_account

# The real worker: django-tasks' database backend and its db_worker loop


def run_db_worker(stop: threading.Event) -> None:
    """The database backend's worker, as `manage.py db_worker` runs it, in a thread:
    it takes every task ready in the database, runs it, and looks again."""
    try:
        while not stop.is_set():
            try:
                Worker(
                    queue_names=["default"],
                    excluded_queue_names=[],
                    interval=0,
                    batch=True,
                    backend_name="default",
                    startup_delay=False,
                    max_tasks=None,
                    worker_id="test-worker",
                ).run()
            except OperationalError:
                # SQLite's shared in-memory test database locks a table while the
                # test's own thread writes ("database table is locked"): look again,
                # as a worker process restarted by its supervisor would.
                connection.close()
            stop.wait(0.2)
    finally:
        connection.close()


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_with_the_worker_running_the_on_duty_staff_get_the_template_sms_in_a_minute(
    bilingual_site, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    provider = StubServer().start()
    settings.PORTAL_SMS_BACKEND = (
        "participation.notifications.providers.AliyunSmsSender"
    )
    settings.PORTAL_SMS_ENDPOINT = provider.url
    settings.PORTAL_SMS_ACCESS_KEY_ID = "LTAI-test-id"
    settings.PORTAL_SMS_ACCESS_KEY_SECRET = "test-secret"
    settings.PORTAL_SMS_SIGNATURE = "某市城管"
    settings.PORTAL_SMS_TEMPLATES = {"staff_new_report": "SMS_470000001"}
    provider.default = (200, {"Code": "OK", "BizId": "1^0", "RequestId": "r"})
    world = build_world(bilingual_site)
    user = link_account(world.a, "duty_worker")
    AlertSetting.objects.create(user=user, channel="sms", phone="13900003333")
    report = make_report(world.a, code="SR-01").report
    sent_at = time.monotonic()
    # Queued in the database, not run in the request.
    assert DBTaskResult.objects.filter(
        task_path="participation.reports.alerts.alert_on_duty_staff"
    ).exists()
    # The worker starts once the report is in: this thread then only waits, so on
    # SQLite (one shared in-memory database) the two threads never write at once.
    stop = threading.Event()
    worker = threading.Thread(target=run_db_worker, args=(stop,), daemon=True)
    worker.start()
    try:
        deadline = sent_at + 60
        while not provider.received and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        stop.set()
        worker.join(timeout=30)
        provider.stop()
    assert provider.received, "no SMS reached the provider within 60 s"
    query = parse_qs(urlsplit(provider.received[0].path).query)
    assert query["PhoneNumbers"] == ["13900003333"]
    assert query["TemplateCode"] == ["SMS_470000001"]
    assert query["SignName"] == ["某市城管"]
    assert json.loads(query["TemplateParam"][0])["reference"] == report.reference
