"""Security headers on public pages and the production settings' refusals."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
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


@pytest.mark.django_db
def test_public_pages_allow_no_inline_script_or_outside_source(client, bilingual_site):
    policy = client.get("/zh-hans/")["Content-Security-Policy"]
    directives = {
        part.split()[0]: part.split()[1:] for part in policy.split("; ") if part
    }
    assert "'unsafe-inline'" not in policy
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["default-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]


@pytest.mark.django_db
def test_public_pages_forbid_framing_and_sniffing(client, bilingual_site):
    response = client.get("/zh-hans/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_production_refuses_to_start_without_secret_key():
    env = {**PRODUCTION_ENV}
    del env["SECRET_KEY"]
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    env = {**PRODUCTION_ENV}
    del env["ALLOWED_HOSTS"]
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_production_passes_the_deployment_checklist_without_warnings():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_only_the_benchmark_serves_its_hello_world_view(client, settings):
    response = client.get("/bench/hello/", follow=True)
    assert b"Hello, world" not in response.content

    settings.ROOT_URLCONF = "bench.urls"  # what bench/settings.py sets
    response = client.get("/bench/hello/")
    assert response.status_code == 200
    assert response.content == b"Hello, world\n"
