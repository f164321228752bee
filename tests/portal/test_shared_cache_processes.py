"""Without Redis, every process on the machine shares one cache (files in
PORTAL_CACHE_DIR): a notice published by cron (`manage.py publish_scheduled`, a
process of its own) shows at once on pages two gunicorn workers had cached.

Runs the real thing: the test database copied to a SQLite file (or, on PostgreSQL,
the test database itself), gunicorn with two workers on a free port in 8100-8119, the
command in a subprocess. Skipped only when gunicorn cannot start."""

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
from django.db import connection
from django.utils import timezone

from tests.notices.event_builders import make_notice, notice_index

ROOT = Path(__file__).resolve().parents[2]
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
