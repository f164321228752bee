from unittest import mock

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-cache" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_is_down(client):
    with mock.patch(
        "portal.views.connection.cursor", side_effect=OperationalError("down")
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert "no-store" in response["Cache-Control"]


def test_healthz_refuses_to_change_anything(client):
    assert client.post("/healthz").status_code == 405
