"""/healthz: 200 while the database answers, whatever the cache does; 503 otherwise;
the body names each dependency's state."""

import socket
from unittest import mock

import pytest
from django.core.cache import caches
from django.db import DatabaseError, OperationalError

from portal.settings.base import DB_CONNECT_TIMEOUT
from tests.portal.test_cache_outage import closed_port_cache
from tests.portal.test_security import PRODUCTION_ENV, run_manage

pytestmark = pytest.mark.django_db


def test_healthz_names_each_dependency_ok_when_both_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("error", [OperationalError, DatabaseError])
def test_healthz_answers_503_when_the_database_is_down(client, error):
    with mock.patch("portal.views.connection.cursor", side_effect=error("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "down"
    assert "no-store" in response["Cache-Control"]


def test_a_cache_outage_alone_keeps_healthz_at_200_and_says_so(client):
    with closed_port_cache():
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "down"}


def test_healthz_is_never_served_from_the_page_cache(client, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 600
    client.get("/healthz")
    with mock.patch("portal.views.connection.cursor", side_effect=OperationalError):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert "X-Portal-Cache" not in response
    assert caches["default"].get("portal:lookup:generation") is not None


def test_healthz_refuses_to_change_anything(client):
    assert client.post("/healthz").status_code == 405


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
