"""The content generation moves only once a change is committed, whichever way it was
made, and a page rendered before the commit is never served as current after it."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test.signals import template_rendered
from django.utils import timezone
from wagtail.models import Page

from home.models import BureauIdentity
from portal.cache import change_pending, read_generation
from tests.conftest import publish
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
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


def test_what_residents_send_in_does_not_move_the_generation(
    bilingual_site, django_capture_on_commit_callbacks
):
    from tests.participation.report_builders import build_world, make_report

    world = build_world(bilingual_site)
    before = read_generation()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        make_report(world.a)
    assert callbacks == []
    assert read_generation() == before


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
