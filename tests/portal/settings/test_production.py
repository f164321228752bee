"""The production settings refuse to start without a secret key or allowed hosts, and
pass Django's deployment checklist."""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from portal.settings.base import DB_CONNECT_TIMEOUT

ROOT = Path(__file__).resolve().parents[3]


PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": "x7!k2p9#q4w8e1r5t3y6u0i2o9p8a7s6d5f4g3h2j1k0l-mnbv",
    "ALLOWED_HOSTS": "portal.example.gov.cn",
}


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",  # set by the browser journeys' fixture
        }
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("name", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_a_required_setting(name):
    env = {**PRODUCTION_ENV}
    del env[name]
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert f"{name} must be set" in result.stderr


def test_production_passes_the_deployment_checklist_without_warnings():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_a_database_that_never_answers_is_down_in_seconds_not_minutes():
    """A database host that takes the connection and then says nothing (or drops the
    packets) would hold a worker for the system's TCP timeout: production settings
    give PostgreSQL a connect timeout of their own."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        port = silent.getsockname()[1]
        result = run_manage(
            "shell",
            "-c",
            "import time; from portal.views import database_state; "
            "started = time.monotonic(); state = database_state(); "
            "print(state, round(time.monotonic() - started, 1))",
            env={
                **PRODUCTION_ENV,
                "DATABASE_URL": f"postgres://portal@127.0.0.1:{port}/portal",
            },
        )
    state, seconds = result.stdout.split()[-2:]
    assert state == "down"
    assert float(seconds) <= DB_CONNECT_TIMEOUT + 2


def test_production_mail_comes_from_the_sites_domain_not_localhost():
    env = {**PRODUCTION_ENV, "DEFAULT_FROM_EMAIL": ""}
    code = "from django.conf import settings; print(settings.DEFAULT_FROM_EMAIL)"
    result = run_manage("shell", "-c", code, env=env)
    assert result.stdout.strip().splitlines()[-1] == "noreply@portal.example.gov.cn"


def test_a_plain_http_trial_turns_off_secure_cookies_on_loopback_only():
    show = (
        "from django.conf import settings as s; print(s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, "
        "s.WAGTAILADMIN_BASE_URL)"
    )
    trial = {
        **PRODUCTION_ENV,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PORTAL_PLAIN_HTTP_TRIAL": "1",
    }
    result = run_manage("shell", "-c", show, env=trial)
    assert result.stdout.splitlines()[-1].split() == [
        "False",
        "False",
        "False",
        "0",
        "http://127.0.0.1",
    ], result.stderr

    public = {**trial, "ALLOWED_HOSTS": "127.0.0.1,portal.example.gov.cn"}
    refused = run_manage("shell", "-c", show, env=public)
    assert refused.returncode != 0
    assert "PORTAL_PLAIN_HTTP_TRIAL" in refused.stderr
    assert "portal.example.gov.cn" in refused.stderr


def test_rate_limits_come_from_the_environment_and_a_typing_error_stops_the_start():
    show = (
        "from django.conf import settings as s; print(s.PORTAL_RATE_LIMITS['report'])"
    )
    raised = {**PRODUCTION_ENV, "PORTAL_RATE_LIMITS": "report=30/m, default=100/m"}
    shown = run_manage("shell", "-c", show, env=raised).stdout
    assert shown.splitlines()[-1] == "30/m"

    for wrong, named in (("reprot=30/m", "reprot"), ("report=30 per minute", "report")):
        env = {**PRODUCTION_ENV, "PORTAL_RATE_LIMITS": wrong}
        refused = run_manage("shell", "-c", show, env=env)
        assert refused.returncode != 0
        assert "PORTAL_RATE_LIMITS" in refused.stderr and named in refused.stderr
