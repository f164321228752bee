"""The database down: readers get a 503 "temporarily unavailable" page in their
language with Retry-After, made without the database, and the outage is logged once a
minute, not as a traceback per request.

The outage is simulated by making every attempt to reach the database fail as a
refused connection does (on SQLite and PostgreSQL alike)."""

import logging
from contextlib import contextmanager
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import InterfaceError, OperationalError, connections
from django.test import Client, RequestFactory

from portal.outage import OncePerIntervalDatabase
from portal.views import server_error
from tests.factories import UserFactory
from tests.notices.station_builders import small_tree

pytestmark = pytest.mark.django_db


@contextmanager
def database_down(error=OperationalError):
    refused = error("connection to server at 127.0.0.1 failed: Connection refused")
    with mock.patch.object(
        connections["default"], "ensure_connection", side_effect=refused
    ):
        yield


@pytest.fixture
def station(bilingual_site):
    _index, _district, _sub, pages = small_tree(
        bilingual_site, communities=1, staff_per_community=1, photos=False
    )
    return pages[0]


def test_the_home_page_says_temporarily_unavailable_in_chinese(client, station):
    assert client.get("/zh-hans/").status_code == 200
    with database_down():
        response = client.get("/zh-hans/")
    assert response.status_code == 503
    text = response.content.decode()
    assert "暂时无法访问" in text and "请几分钟后再试" in text
    assert 'lang="zh-hans"' in text
    assert response["Content-Language"] == "zh-hans"
    assert response["Retry-After"] == "120"
    assert "no-store" in response["Cache-Control"]
    assert 'href="/zh-hans/"' in text


def test_english_readers_get_the_page_in_english(client, station):
    with database_down(InterfaceError):
        response = client.get("/en/")
    assert response.status_code == 503
    text = response.content.decode()
    assert "Temporarily unavailable" in text
    assert "暂时" not in text


def test_a_station_page_and_the_report_form_answer_503_not_500(client, station):
    report = f"/zh-hans/report/?community={station.pk}"
    assert client.get(station.url).status_code == 200
    assert client.get(report).status_code == 200
    cache.clear()  # nothing remembered from those answers: all from the database
    with database_down():
        page = client.get(station.url)
        form = client.get(report)
        sent = client.post("/zh-hans/report/", {"description": "楼道堆物"})
    assert (page.status_code, form.status_code, sent.status_code) == (503, 503, 503)
    # A link to try the same address again; a post is told it may not have arrived.
    assert f'href="{station.url}"' in page.content.decode()
    assert "可能没有保存" in sent.content.decode()
    assert "可能没有保存" not in form.content.decode()


def test_elderly_readers_keep_their_display_mode(client, station):
    client.cookies["portal_display"] = "elderly"
    with database_down():
        response = client.get("/zh-hans/")
    assert 'class="mode-elderly"' in response.content.decode()


def test_the_api_answers_503_in_json(client, station):
    with database_down():
        response = client.get("/api/v2/pages/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 503
    assert response["Retry-After"] == "120"
    assert response.json() == {
        "detail": "The service is temporarily unavailable. Try again later."
    }


def test_a_page_kept_in_the_page_cache_is_still_served(client, station, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 600
    assert client.get(station.url).status_code == 200
    with database_down():
        kept = client.get(station.url)
        other = client.get("/zh-hans/")
    assert kept.status_code == 200 and kept["X-Portal-Cache"] == "hit"
    assert other.status_code == 503


def test_an_outage_met_by_a_middleware_before_any_view_is_a_503_too(station):
    # A signed-in editor: the 2-step check reads the user from the database in a
    # middleware, before any view (and its process_exception) is reached.
    client = Client(raise_request_exception=False)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    with database_down():
        response = client.get("/admin/")
    assert response.status_code == 503
    assert "暂时无法访问" in response.content.decode()


def test_handler500_tells_an_outage_from_a_bug():
    request = RequestFactory().get("/zh-hans/")
    answers = []
    for error in (ValueError("a bug"), OperationalError("connection refused")):
        try:
            raise error
        except Exception:  # noqa: BLE001 - as Django calls handler500, in its except
            answers.append(server_error(request).status_code)
    assert answers == [500, 503]


class Kept(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def listening(name: str, fresh_filter: logging.Filter | None = None):
    """What reaches the handlers of logger `name`; `fresh_filter` stands in for the
    settings' own (whose clock other tests may have started)."""
    logger = logging.getLogger(name)
    handler = Kept()
    configured = list(logger.filters)
    if fresh_filter is not None:
        for kept in configured:
            logger.removeFilter(kept)
        logger.addFilter(fresh_filter)
    logger.addHandler(handler)
    try:
        yield handler.records
    finally:
        logger.removeHandler(handler)
        if fresh_filter is not None:
            logger.removeFilter(fresh_filter)
            for kept in configured:
                logger.addFilter(kept)


def test_the_outage_is_logged_once_a_minute_and_no_traceback_per_request(station):
    client = Client(raise_request_exception=False)
    once = OncePerIntervalDatabase(seconds=60)
    with (
        listening("portal.outage.database", once) as outage,
        listening("django.request") as answered,
        database_down(),
    ):
        statuses = [client.get(url).status_code for url in ["/zh-hans/", "/en/"] * 3]
        statuses.append(client.get("/healthz").status_code)
        statuses.append(client.get("/no-such-address").status_code)
    assert statuses == [503] * 8
    assert len(outage) == 1
    message = outage[0].getMessage()
    assert "Database unavailable" in message and "Connection refused" in message
    assert outage[0].exc_info is None  # one line, no traceback
    assert [record for record in answered if record.status_code == 503] == []
