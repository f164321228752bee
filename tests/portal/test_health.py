"""/healthz: 200 while the database answers, whatever the cache does; 503 otherwise;
the body names each dependency's state."""

from unittest import mock

import pytest
from django.core.cache import caches
from django.db import DatabaseError, OperationalError

from tests.portal.test_cache_outage import closed_port_cache

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
