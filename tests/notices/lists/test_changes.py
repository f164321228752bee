"""What changed between two published versions of a list (notices/lists/changes.py),
on the "what changed" page."""

from datetime import date

import pytest
from bs4 import BeautifulSoup

from notices.lists.changes import diff_versions
from notices.lists.versions import ListVersion
from tests.notices.list_builders import batch, catalogue, duty_item, duty_list

pytestmark = pytest.mark.django_db


def test_every_publication_is_kept_and_the_changes_page_compares_any_two(
    client, bilingual_site
):
    page = duty_list(bilingual_site.home_zh)
    draft = page.get_latest_revision_as_object()
    items = list(draft.items.all())
    items[0].completion_amount, items[0].completion_unit = 2, "hours"
    draft.items = [*items, duty_item("SR-09", title="新事项")]
    draft.save_revision().publish()
    assert list(
        ListVersion.objects.filter(page=page).values_list("number", flat=True)
    ) == [1, 2]
    soup = BeautifulSoup(
        client.get("/zh-hans/duties/changes/?old=1&new=2").content, "html.parser"
    )
    items_section = soup.select_one("#diff-items").parent
    assert "SR-09" in items_section.select_one(".diff-list--added").text
    changed = items_section.select_one(".diff-table").text
    assert "当天" not in changed or "小时" in changed
    assert client.get("/zh-hans/duties/changes/?old=1&new=9").status_code == 400
    assert client.get("/zh-hans/duties/changes/?old=2&new=2").status_code == 400


def test_a_new_batch_with_two_changed_and_one_repealed_item_shows_exactly_those(
    client, bilingual_site
):
    page = catalogue(bilingual_site.home_zh)
    draft = page.get_latest_revision_as_object()
    items = {item.number: item for item in draft.items.all()}
    items["01"].correction_days = 1
    items["02"].measure = "当场教育，责令立即改正"
    items["03"].repealed_on = date(2025, 9, 1)
    items["03"].repeal_note = "由第三批替代"
    draft.batches = [*draft.batches.all(), batch("B3", date(2025, 9, 1))]
    draft.items = list(items.values())
    draft.save_revision().publish()

    old, new = ListVersion.objects.filter(page=page).order_by("number")
    diffs = {diff.spec.name: diff for diff in diff_versions(old, new)}
    assert [change.key for change in diffs["batches"].added] == ["B3"]
    assert sorted(change.key for change in diffs["items"].changed) == ["01", "02"]
    assert [change.key for change in diffs["items"].repealed] == ["03"]
    assert not diffs["items"].added and not diffs["items"].removed
    assert {f.field for f in diffs["items"].changed[0].fields} == {"correction_days"}

    soup = BeautifulSoup(
        client.get("/zh-hans/lenient-catalogue/changes/").content, "html.parser"
    )
    section = soup.select_one("#diff-items").parent
    headings = [h3.text for h3 in section.select("h3")]
    assert len(headings) == 2  # repealed and changed, nothing added or removed
    rows = section.select(".diff-row")
    assert [row.p.strong.text for row in rows] == ["03", "01", "02"]
    assert "2025-09-01" in rows[0].text
    assert soup.select_one("#diff-batches") is not None
    assert soup.select_one("#diff-categories") is None
