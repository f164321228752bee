"""`manage.py forget_cached_pages` (a release's last step): a page cached before it
is drawn again, by the new release's templates, on its next visit."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def queries_to_serve(client, path: str) -> int:
    with CaptureQueriesContext(connection) as run:
        assert client.get(path).status_code == 200
    return len(run.captured_queries)


def test_a_page_cached_before_the_release_is_drawn_again(
    client, settings, bilingual_site
):
    settings.PORTAL_PAGE_CACHE_SECONDS = 600
    drawn = queries_to_serve(client, "/zh-hans/")
    held = queries_to_serve(client, "/zh-hans/")
    assert held < drawn  # served from the cache

    out = io.StringIO()
    call_command("forget_cached_pages", stdout=out)

    assert queries_to_serve(client, "/zh-hans/") > held  # drawn again
    assert "重新生成" in out.getvalue()
