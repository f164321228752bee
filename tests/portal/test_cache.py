"""portal/cache.py: the content generation moves only once a change is committed,
whichever way it was made (an edit, Wagtail's bulk publish action, a workflow's last
approval, cron), and a page rendered before the commit is never served as current
after it (bench/publish_trials.py times the publish paths on two servers under load).
Redis down means slower, not broken: with the cache at a closed port every public
address answers from the database, forms still save, rate limits still count, and
the outage is logged once, not once per cache call. What a process holds of the shared
cache is used only under the key it was kept under, never after the shared copy
ended, and never more than its bounds."""

import datetime
import logging
import math
import pickle
import sys
import threading
from contextlib import contextmanager
from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.test.signals import template_rendered
from django.utils import timezone
from django.utils.safestring import SafeString
from wagtail.admin.views.pages.bulk_actions.publish import PublishBulkAction
from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage, WorkflowTask

from home.models import BureauIdentity
from participation.models import Report
from portal.cache import (
    HeldCache,
    OncePerInterval,
    change_pending,
    frozen_plain,
    read_generation,
)
from tests.conftest import publish
from tests.factories import StandardPageFactory, UserFactory
from tests.notices.event_builders import make_notice, notice_index
from tests.notices.list_builders import catalogue
from tests.participation.report_builders import build_world, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def real_commits():
    """Undo conftest's stand-in for a commit: here the generation moves only when
    Django runs the on-commit callbacks."""
    change_pending.disconnect(dispatch_uid="tests-move-generation-at-once")


def guide(site, title: str = "办事指南"):
    return publish(StandardPageFactory(parent=site.home_zh, title=title))


def edit_and_publish(site, page):
    page.title = "便民服务"
    page.save_revision().publish()


def unpublish(site, page):
    page.unpublish()


def move(site, page):
    target = guide(site, "上级栏目")
    page.move(target, pos="last-child")


def delete(site, page):
    page.delete()


def save_snippet(site, page):
    identity = BureauIdentity.objects.get(locale=site.zh)
    identity.hotline = "12345"
    identity.save()


def scheduled(site, page):
    """`publish_scheduled`, as cron runs it, for a revision whose time has come."""
    page.title = "定时发布"
    page.save_revision(approved_go_live_at=timezone.now() - timedelta(seconds=1))
    call_command("publish_scheduled")
    assert Page.objects.get(pk=page.pk).title == "定时发布"


@pytest.mark.usefixtures("real_commits")
@pytest.mark.parametrize(
    "change",
    [edit_and_publish, unpublish, move, delete, save_snippet, scheduled],
    ids=lambda change: change.__name__,
)
def test_a_change_moves_the_generation_only_once_committed(
    bilingual_site, django_capture_on_commit_callbacks, change
):
    page = guide(bilingual_site)
    before = read_generation()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            change(bilingual_site, page)
            assert read_generation() == before
        # Still inside the test's own transaction: nothing committed yet.
        assert read_generation() == before
    assert callbacks  # what the commit runs
    assert read_generation() != before


@pytest.mark.usefixtures("real_commits")
def test_what_residents_send_in_does_not_move_the_generation(
    bilingual_site, django_capture_on_commit_callbacks
):
    from tests.participation.report_builders import build_world, make_report

    world = build_world(bilingual_site)
    before = read_generation()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        make_report(world.a)
    # Only the alert to the staff on duty is queued (participation/reports/alerts.py).
    assert [callback.__qualname__ for callback in callbacks] == [
        "alert_new_report.<locals>.<lambda>"
    ]
    assert read_generation() == before


@pytest.mark.usefixtures("real_commits")
def test_an_editor_saving_a_draft_keeps_the_cached_pages_until_it_is_published(
    bilingual_site, django_capture_on_commit_callbacks
):
    page = guide(bilingual_site)
    before = read_generation()
    with django_capture_on_commit_callbacks(execute=True):
        page.title = "草稿标题"
        revision = page.save_revision()
    assert read_generation() == before
    with django_capture_on_commit_callbacks(execute=True):
        revision.publish()
    assert read_generation() != before


@pytest.mark.usefixtures("real_commits")
def test_a_page_rendered_while_a_publish_commits_is_not_served_after_it(
    client, bilingual_site, settings, django_capture_on_commit_callbacks
):
    """The render reads the old intro; the publish commits before the answer is
    stored. That one visitor sees the old page, the next one the new."""
    settings.PORTAL_PAGE_CACHE_SECONDS = 600
    home = bilingual_site.home_zh
    home.intro = "旧的导语"
    with django_capture_on_commit_callbacks(execute=True):
        home.save_revision().publish()
    published = []

    def publish_meanwhile(sender, template, **kwargs):
        if template.name == "home/home_page.html" and not published:
            published.append(True)
            home.intro = "新的导语"
            with django_capture_on_commit_callbacks(execute=True):
                home.save_revision().publish()

    template_rendered.connect(publish_meanwhile)
    try:
        during = client.get("/zh-hans/")
    finally:
        template_rendered.disconnect(publish_meanwhile)
    assert published
    assert "旧的导语" in during.text
    after = client.get("/zh-hans/")
    assert after["X-Portal-Cache"] == "miss"
    assert "新的导语" in after.text
    assert client.get("/zh-hans/")["X-Portal-Cache"] == "hit"


@pytest.mark.usefixtures("real_commits")
@pytest.mark.django_db(transaction=True)
def test_a_bulk_publish_in_one_transaction_moves_the_generation_at_its_commit(
    bilingual_site,
):
    pages = [guide(bilingual_site, f"栏目{n}") for n in range(3)]
    before = read_generation()
    with transaction.atomic():
        for page in pages:
            page.title += "（更新）"
            page.save_revision().publish()
        assert read_generation() == before
    assert read_generation() != before


def bulk_action(page, user) -> None:
    """What the admin's bulk publish runs in its transaction, on the saved draft."""
    PublishBulkAction.execute_action([page], user=user)


def workflow_approval(page, user) -> None:
    page.current_workflow_state.current_task_state.approve(user=user)


def submit_to_a_one_task_workflow(site, page, user) -> None:
    task = GroupApprovalTask.objects.create(name="审核")
    workflow = Workflow.objects.create(name="测试审核流程", active=True)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=site.home_zh)
    page.get_workflow().start(page, user)


@pytest.mark.usefixtures("real_commits")
@pytest.mark.parametrize(
    "publish_path", [bulk_action, workflow_approval], ids=lambda path: path.__name__
)
def test_readers_get_the_new_title_only_once_the_publish_commits(
    client, bilingual_site, settings, django_capture_on_commit_callbacks, publish_path
):
    settings.PORTAL_PAGE_CACHE_SECONDS = 600
    editor = UserFactory(is_superuser=True, is_staff=True)
    page = publish(StandardPageFactory(parent=bilingual_site.home_zh, title="旧标题"))
    draft = page.get_latest_revision_as_object()
    draft.title = "新标题"
    draft.save_revision(user=editor)
    if publish_path is workflow_approval:
        submit_to_a_one_task_workflow(bilingual_site, page, editor)
    assert "旧标题" in client.get(page.url).text

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            publish_path(page, editor)
            during = client.get(page.url)
        assert page.__class__.objects.get(pk=page.pk).title == "新标题"
        # Published, not yet committed: another server's reader keeps the cached page.
        meanwhile = client.get(page.url)
    assert callbacks
    assert during["X-Portal-Cache"] == meanwhile["X-Portal-Cache"] == "hit"
    assert "旧标题" in during.text and "旧标题" in meanwhile.text
    after = client.get(page.url)
    assert after["X-Portal-Cache"] == "miss"
    assert "新标题" in after.text and "旧标题" not in after.text


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
    settings.PORTAL_SMS_BACKEND = "participation.notifications.sms.RecordingSmsSender"
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


START = datetime.datetime(2026, 11, 21, 2, 0, tzinfo=datetime.UTC)


def test_a_value_set_in_one_process_is_read_by_another_from_the_shared_cache():
    here, there = HeldCache(entries=10, size=10_000), HeldCache(10, 10_000)
    here.set("probe:one", {"title": "办事指南"}, 60)
    assert there.get("probe:one") == {"title": "办事指南"}
    assert len(there) == 1  # held from now on


def test_a_held_copy_ends_when_the_shared_copy_does_not_when_it_was_read():
    here, there = HeldCache(10, 10_000), HeldCache(10, 10_000)
    with time_machine.travel(START, tick=False) as clock:
        here.set("probe:hours", "closed", 60)
        clock.shift(50)
        assert there.get("probe:hours") == "closed"
        clock.shift(11)
        assert there.get("probe:hours") is None
        assert here.get("probe:hours") is None
        assert len(there) == len(here) == 0


def test_a_shared_copy_past_its_end_is_not_read_even_if_the_backend_kept_it():
    here = HeldCache(10, 10_000)
    with time_machine.travel(START, tick=False) as clock:
        here.set("probe:late", "old", 60)
        stored = cache.get("probe:late")
        clock.shift(61)
        cache.set("probe:late", stored, 600)  # a backend slow to expire it
        here.clear_held()
        assert here.get("probe:late", "missing") == "missing"


def test_the_least_recently_used_go_first_beyond_the_number_of_entries():
    held = HeldCache(entries=3, size=1_000_000)
    for name in "abcd":
        held.set(f"probe:{name}", name, 60)
        held.get("probe:a")  # read on every request
    cache.clear()  # only what the process holds can answer now
    assert [held.get(f"probe:{name}") for name in "abcd"] == ["a", None, "c", "d"]
    assert len(held) == 3


def test_the_bytes_held_stay_within_the_bound_and_a_value_too_big_is_only_shared():
    held = HeldCache(entries=100, size=5_000)
    for number in range(10):
        held.set(f"probe:{number}", "页" * 500, 60)  # about 1.5 KB pickled
        assert held.held_bytes() <= 5_000
    assert len(held) == 3
    held.set("probe:big", "页" * 5_000, 60)
    assert held.get("probe:big") == "页" * 5_000  # read from the shared cache
    assert len(held) == 3 and held.held_bytes() <= 5_000
    cache.delete("probe:big")
    assert held.get("probe:big") is None


def test_threads_sharing_the_held_copies_keep_them_whole():
    """gthread workers and runserver serve requests in threads of one process."""
    held = HeldCache(entries=8, size=2_000)
    errors = []

    def serve(number: int) -> None:
        try:
            for turn in range(1_000):
                key = f"probe:{(number + turn) % 12}"
                if held.get(key) is None:
                    held.set(key, "页" * 40 * (turn % 5), 60)
        except Exception as error:  # noqa: BLE001 -- any failure fails the test
            errors.append(error)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads take turns as often as they can
    try:
        threads = [threading.Thread(target=serve, args=(n,)) for n in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert errors == []
    for number in range(8):  # pushes out all the threads left, if counted right
        held.set(f"probe:fresh-{number}", "x", 60)
    assert len(held) == 8
    assert held.held_bytes() == 8 * len(pickle.dumps("x", pickle.HIGHEST_PROTOCOL))


def test_a_value_set_without_a_timeout_does_not_end():
    here, there = HeldCache(10, 10_000), HeldCache(10, 10_000)
    with time_machine.travel(START, tick=False) as clock:
        here.set("probe:kept", "for good", None)
        clock.shift(10 * 365 * 24 * 3600)
        assert here.get("probe:kept") == there.get("probe:kept") == "for good"


def test_frozen_plain_data_is_held_as_it_is_and_anything_else_as_a_fresh_copy():
    """Strings, numbers, dates and tuples of them cannot be changed by a reader, so
    the process shares the value itself; a list, a dict or a model is unpickled
    afresh on every read, so no request can change what the next one gets."""
    held = HeldCache(entries=10, size=100_000)
    rows = ((1, "占道经营", datetime.date(2026, 12, 1), -math.inf, None),)
    held.set("probe:rows", rows, 60)
    assert held.get("probe:rows") is held.get("probe:rows")
    assert held.get("probe:rows") == rows
    held.set("probe:cards", [{"title": "夜间施工"}], 60)
    first = held.get("probe:cards")
    first[0]["title"] = "changed by one request"
    assert held.get("probe:cards") == [{"title": "夜间施工"}]
    assert held.get("probe:cards") is not held.get("probe:cards")
    assert not frozen_plain((1, ["a list inside"]))
    assert not frozen_plain(SafeString("<b>markup</b>"))
