"""The settings every deployment shares (portal/settings/base.py): map tiles allowed
in the Content-Security-Policy only when configured; staff sessions, password rules
and upload limits; security headers; Shanghai time; and, without Redis, one cache
shared by every process on the machine (files in PORTAL_CACHE_DIR), so that a notice
published by cron (`manage.py publish_scheduled`, a process of its own) shows at once
on pages two gunicorn workers had cached.

That last test runs the real thing: the test database copied to a SQLite file (or, on
PostgreSQL, the test database itself), gunicorn with two workers on a free port in
8100-8119, the command in a subprocess. Skipped only when gunicorn cannot start."""

import http.client
import os
import socket
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from portal.settings.base import tile_source
from tests.factories import UserFactory
from tests.notices.event_builders import make_notice, notice_index
from tests.notices.station_builders import small_tree
from tests.portal.conftest import PASSWORD, sign_in

pytestmark = pytest.mark.django_db


def test_map_without_tiles_allows_no_outside_image_host(client, bilingual_site):
    small_tree(bilingual_site, communities=1)
    policy = client.get("/zh-hans/stations/map/")["Content-Security-Policy"]
    img = next(part for part in policy.split("; ") if part.startswith("img-src"))
    assert img.split()[1:] == ["'self'", "data:"]


def test_a_configured_tile_host_becomes_an_image_source():
    assert (
        tile_source("https://{s}.tiles.example.cn/{z}/{x}/{y}.png")
        == "https://*.tiles.example.cn"
    )
    assert tile_source("") == ""
    assert tile_source("javascript:alert(1)") == ""


SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script>'
    b'<rect width="10" height="10"/></svg>'
)


def test_staff_sessions_end_with_the_browser_and_within_a_working_day(staff):
    client = Client()
    sign_in(client, "zhangsan", PASSWORD)
    assert client.session.get_expire_at_browser_close()
    remembered = Client()
    sign_in(remembered, "zhangsan", PASSWORD, remember="on")
    assert 0 < remembered.session.get_expiry_age() <= 8 * 3600


@pytest.mark.parametrize(
    "password",
    ["short-pw-1", "123456789012345", "password12345", "zhangsan-zhangsan"],
)
def test_weak_passwords_are_refused(password):
    user = UserFactory.build(username="zhangsan-zhangsan")
    with pytest.raises(ValidationError):
        validate_password(password, user)


def test_a_long_uncommon_password_is_accepted():
    validate_password("湖边-晾晒-Seven-tulips-42")


def test_svg_is_refused_as_an_image_and_as_a_document(staff):
    client = Client()
    client.force_login(staff)
    client.post(
        "/admin/images/add/",
        {
            "title": "logo",
            "file": SimpleUploadedFile("logo.svg", SVG, "image/svg+xml"),
        },
    )
    client.post(
        "/admin/documents/add/",
        {
            "title": "logo",
            "file": SimpleUploadedFile("logo.svg", SVG, "image/svg+xml"),
        },
    )
    assert not get_image_model().objects.filter(title="logo").exists()
    assert not get_document_model().objects.filter(title="logo").exists()


def test_documents_above_the_size_limit_are_refused(staff, settings):
    client = Client()
    client.force_login(staff)
    big = b"%PDF-1.4\n" + b"0" * (settings.WAGTAILDOCS_MAX_UPLOAD_SIZE + 1)
    response = client.post(
        "/admin/documents/add/",
        {
            "title": "big",
            "file": SimpleUploadedFile("big.pdf", big, "application/pdf"),
        },
    )
    assert not get_document_model().objects.filter(title="big").exists()
    assert response.status_code == 200  # the form again, with the error


@pytest.mark.django_db
def test_public_pages_forbid_framing_and_sniffing(client, bilingual_site):
    response = client.get("/zh-hans/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_times_are_shanghai_local(settings):
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert settings.LANGUAGE_CODE == "zh-hans"


ROOT = Path(__file__).resolve().parents[3]


PORTS = range(8100, 8120)


START_SECONDS = 90


TITLE = "夜间施工噪声专项整治通告"


def free_port() -> int:
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    pytest.skip("no free port in 8100-8119 for gunicorn")


def database_url(tmp_path: Path) -> str:
    """A database the subprocesses can open holding what this test committed."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        target = tmp_path / "db.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        return f"sqlite:///{target}"
    user = quote(settings["USER"] or "")
    password = f":{quote(settings['PASSWORD'])}" if settings["PASSWORD"] else ""
    host = settings["HOST"] or "127.0.0.1"
    port = f":{settings['PORT']}" if settings["PORT"] else ""
    return f"postgres://{user}{password}@{host}{port}/{settings['NAME']}"


def environment(tmp_path: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("REDIS_URL", "PYTEST_CURRENT_TEST")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.dev",
        DATABASE_URL=database_url(tmp_path),
        PORTAL_CACHE_DIR=str(tmp_path / "cache"),
        PORTAL_PAGE_CACHE_SECONDS="600",
        MEDIA_ROOT=str(tmp_path / "media"),
        ALLOWED_HOSTS="127.0.0.1,localhost",
    )
    return env


def get(port: int, path: str) -> tuple[int, dict[str, str], str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        body = response.read().decode("utf-8", "replace")
        return response.status, dict(response.getheaders()), body
    finally:
        conn.close()


def wait_until_serving(server: subprocess.Popen, port: int, log: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.skip(f"gunicorn could not start:\n{log.read_text()[-2000:]}")
        try:
            if get(port, "/healthz")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    pytest.fail(f"gunicorn did not answer /healthz:\n{log.read_text()[-2000:]}")


@pytest.fixture
def scheduled_notice(bilingual_site):
    """A notice approved to go live a moment ago, waiting for cron."""
    index = notice_index(bilingual_site.home_zh)
    notice = make_notice(index, TITLE)
    notice.unpublish()
    notice.save_revision(approved_go_live_at=timezone.now() - timedelta(minutes=1))
    return index


@pytest.mark.django_db(transaction=True)
def test_two_workers_without_redis_show_a_notice_cron_published(
    scheduled_notice, tmp_path
):
    env = environment(tmp_path)
    port = free_port()
    log = tmp_path / "gunicorn.log"
    with log.open("w") as output:
        server = subprocess.Popen(  # noqa: S603 -- fixed arguments
            [
                sys.executable,
                "-m",
                "gunicorn",
                "portal.wsgi:application",
                "--workers=2",
                f"--bind=127.0.0.1:{port}",
                "--preload",
                "--timeout=60",
            ],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until_serving(server, port, log)
        pages = ["/zh-hans/", scheduled_notice.url]
        before = [get(port, path) for path in pages * 4]
        assert all(status == 200 for status, _headers, _body in before)
        assert not any(TITLE in body for _status, _headers, body in before)
        assert any(headers.get("X-Portal-Cache") == "hit" for _s, headers, _b in before)

        subprocess.run(  # noqa: S603 -- fixed arguments
            [sys.executable, "manage.py", "publish_scheduled"],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            timeout=120,
        )

        after = [get(port, path) for path in pages * 4]
        missing = [
            (path, headers.get("X-Portal-Cache"))
            for path, (_status, headers, body) in zip(pages * 4, after, strict=True)
            if TITLE not in body
        ]
        assert missing == []
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
