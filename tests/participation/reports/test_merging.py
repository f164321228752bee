"""Merging duplicates (participation/reports/merging.py): the merged report follows
the survivor's state, supporters and residents are carried over and told, chains
stay flat, and merges into itself, into a closed report or across communities are
refused; from the report's page and as a bulk action of the queue."""

import pytest

from participation.models import Report, ReportEvent, ReportSupporter
from participation.reports.merging import merge
from participation.reports.staff_actions import accept, add_note, reject, resolve
from participation.reports.support import add_support, support_count
from participation.reports.workflow import ReportError
from tests.participation.report_builders import make_report, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def trio(world):
    """Three reports of community A, each from a resident who left a phone."""
    return [
        make_report(world.a, phone=f"1380000000{n}", consent=True).report
        for n in range(3)
    ]


def fresh(report: Report) -> Report:
    return Report.objects.get(pk=report.pk)


def test_a_merged_report_follows_the_survivors_state_from_then_on(world, officer, trio):
    merged, survivor, _other = trio
    accept(survivor, by=officer)
    merge(merged, survivor, by=officer)
    merged = fresh(merged)
    assert merged.merged_into == survivor and merged.state == "accepted"
    resolve(survivor, "已清理。", by=officer)
    assert fresh(merged).state == "resolved"
    log = ReportEvent.objects.filter(report=merged, to_state="resolved").get()
    assert survivor.reference in log.text and log.public
    # The merge itself is in the audit log, by the officer, on both reports.
    from portal.models import AuditEntry

    merges = AuditEntry.objects.filter(verb="report.merged", user=officer)
    assert {entry.object_repr for entry in merges} == {
        merged.reference,
        survivor.reference,
    }


def test_a_merge_chain_leaves_every_report_following_the_last_survivor(
    world, officer, trio
):
    a, b, c = trio
    merge(a, b, by=officer)
    merge(b, c, by=officer)
    assert fresh(a).merged_into == c and fresh(b).merged_into == c
    assert support_count(c) == 2
    accept(c, by=officer)
    assert {fresh(a).state, fresh(b).state} == {"accepted"}


def test_supporters_are_carried_over_to_the_survivor(world, officer, trio):
    merged, survivor, _other = trio
    add_support(merged, phone="13700001111", consent=True)
    merge(merged, survivor, by=officer)
    assert ReportSupporter.objects.get().report == survivor
    # One supporter and the merged report's own resident.
    assert support_count(survivor) == 2


def test_the_residents_of_both_reports_are_told(
    world, officer, trio, recorded_sms, django_capture_on_commit_callbacks
):
    merged, survivor, _other = trio
    with django_capture_on_commit_callbacks(execute=True):
        merge(merged, survivor, by=officer)
    texts = {phone: text for phone, text, _message in recorded_sms}
    assert survivor.reference in texts[merged.phone]
    assert merged.phone != survivor.phone and survivor.phone in texts


@pytest.mark.parametrize("target", ["itself", "closed", "merged"])
def test_a_merge_into_itself_a_closed_or_a_merged_report_is_refused(
    world, officer, trio, target
):
    report, other, third = trio
    if target == "itself":
        survivor = report
    elif target == "closed":
        reject(other, "不属于城管职责。", by=officer)
        survivor = other
    else:
        merge(other, third, by=officer)
        survivor = other
    with pytest.raises(ReportError):
        merge(report, fresh(survivor), by=officer)
    assert fresh(report).merged_into is None


def test_a_merged_report_takes_no_state_action_of_its_own(world, officer, trio):
    merged, survivor, _other = trio
    merge(merged, survivor, by=officer)
    with pytest.raises(ReportError):
        accept(fresh(merged), by=officer)
    add_note(fresh(merged), "仍可记录内部备注。", by=officer)  # notes still allowed


def test_staff_merge_only_within_their_communities(world, officer, trio):
    other_community = make_report(world.b).report
    with pytest.raises(ReportError):
        merge(trio[0], other_community, by=officer)
    outsider = staff_user(world.b, "view_report", "change_report")
    with pytest.raises(Exception) as refused:
        merge(trio[0], trio[1], by=outsider)
    assert refused.type.__name__ == "PermissionDenied"
    assert fresh(trio[0]).merged_into is None


def test_the_reports_page_merges_by_reference(client, world, officer, trio, act):
    merged, survivor, _other = trio
    client.force_login(officer)
    page = client.get(f"/admin/reports/{merged.pk}/")
    assert b"merge-original" in page.content
    response = act(client, merged, "merge", {"merge-original": survivor.reference})
    assert response.status_code == 302
    assert fresh(merged).merged_into == survivor
    shown = client.get(f"/admin/reports/{survivor.pk}/").content.decode()
    assert merged.reference in shown
    refused = act(client, survivor, "merge", {"merge-original": survivor.reference})
    assert refused.status_code == 400
    assert fresh(survivor).merged_into is None


def test_the_queue_merges_ticked_reports_into_one(client, world, officer, trio):
    a, b, survivor = trio
    client.force_login(officer)
    url = (
        "/admin/bulk/participation/report/merge_reports/"
        f"?next=/admin/reports/&id={a.pk}&id={b.pk}"
    )
    response = client.post(
        url, {"original": survivor.reference, "handling_mode": "service"}
    )
    assert response.status_code == 302
    assert {fresh(a).merged_into, fresh(b).merged_into} == {survivor}
    assert {fresh(a).handling_mode, fresh(b).handling_mode} == {"service"}
    queue = client.get("/admin/reports/").content.decode()
    assert "Same problem" in queue or "同样问题" in queue
