"""Redis down means slower, not broken: with the cache at a closed port every public
address answers from the database, forms still save, rate limits still count, and the
outage is logged once, not once per cache call."""

import logging
from contextlib import contextmanager

import pytest
from django.test import override_settings

from participation.models import Report
from portal.cache import OncePerInterval
from tests.notices.event_builders import make_notice, notice_index
from tests.notices.list_builders import catalogue
from tests.participation.report_builders import build_world, form_data

pytestmark = pytest.mark.django_db

# As production configures django-redis (portal/settings/base.py), at a port where
# nothing listens.
CLOSED_PORT_CACHES = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/1",
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 0.25,
            "SOCKET_TIMEOUT": 0.5,
        },
    }
}


@contextmanager
def closed_port_cache():
    with override_settings(CACHES=CLOSED_PORT_CACHES, PORTAL_PAGE_CACHE_SECONDS=600):
        yield


@pytest.fixture
def city(bilingual_site, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PORTAL_SMS_BACKEND = "participation.sms.RecordingSmsSender"
    world = build_world(bilingual_site)
    notices = notice_index(bilingual_site.home_zh)
    notice = make_notice(notices, "早餐摊占道经营整治通知", communities=[world.a])
    lenient = catalogue(bilingual_site.home_zh)
    return world, notices, notice, lenient


def test_every_public_address_answers_from_the_database_when_redis_is_down(
    client, city
):
    world, notices, notice, lenient = city
    addresses = {
        "/": 302,
        "/zh-hans/": 200,
        "/en/": 200,
        world.a.url: 200,
        world.a.url + "qr/png/": 200,
        world.duties.url: 200,
        lenient.url: 200,
        lenient.url + "download/xlsx/": 200,
        notices.url: 200,
        notice.url: 200,
        "/zh-hans/feeds/notices/": 200,
        "/zh-hans/search/?q=通知": 200,
        "/zh-hans/report/": 200,
        f"/zh-hans/report/?community={world.a.pk}": 200,
        "/api/open311/v2/services.json": 200,
        "/api/open311/v2/requests.json": 200,
        "/sitemap.xml": 200,
    }
    with closed_port_cache():
        answers = {url: client.get(url).status_code for url in addresses}
        second = client.get("/zh-hans/")
    assert answers == addresses
    assert "X-Portal-Cache" not in second  # nothing kept, nothing claimed
    assert "早餐摊占道经营整治通知" in second.content.decode()


def test_a_report_is_saved_while_redis_is_down(client, city):
    world = city[0]
    with closed_port_cache():
        response = client.post(
            "/zh-hans/report/", form_data(world), REMOTE_ADDR="192.0.2.10"
        )
    assert response.status_code == 302
    assert Report.objects.filter(community=world.a).count() == 1


def test_rate_limits_still_count_in_the_process_while_redis_is_down(
    client, city, settings
):
    world = city[0]
    settings.PORTAL_RATE_LIMITS = {"default": "20/m", "report": "2/m"}
    with closed_port_cache():
        answers = [
            client.post(
                "/zh-hans/report/",
                form_data(world, location=f"{n}号楼"),
                REMOTE_ADDR="192.0.2.11",  # counts of this process outlive a test
            ).status_code
            for n in range(3)
        ]
    assert answers == [302, 302, 429]
    assert Report.objects.count() == 2


def test_the_outage_is_logged_once_a_minute_not_once_per_cache_call(client, city):
    logger = logging.getLogger("portal.cache.outage")
    once = OncePerInterval(seconds=60)
    records = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(record)

    handler = Keep()
    configured = list(logger.filters)  # the settings' own, with its own clock
    for kept in configured:
        logger.removeFilter(kept)
    logger.addFilter(once)
    logger.addHandler(handler)
    try:
        with closed_port_cache():
            for _ in range(3):
                assert client.get("/zh-hans/").status_code == 200
    finally:
        logger.removeHandler(handler)
        logger.removeFilter(once)
        for kept in configured:
            logger.addFilter(kept)
    assert len(records) == 1
    assert "Cache unavailable" in records[0].getMessage()
    assert "ConnectionError" in records[0].getMessage()
