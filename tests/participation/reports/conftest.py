"""What the report tests share: a small station tree with a duty list, staff of its
first community, reports with planted personal data, and texts recorded instead of
sent (photos go to a temporary folder)."""

import pytest

from participation.photos import clean_photo
from participation.reports.publication import publish
from participation.reports.staff_actions import accept, resolve
from tests.participation.report_builders import (
    PLANTED_NAME,
    PLANTED_PHONE,
    jpeg_with_gps,
    make_report,
    planted_report,
    staff_user,
)
from tests.participation.test_photos import upload


@pytest.fixture(autouse=True)
def recorded_sms(recorded_sms):
    """Every test here records its texts (tests/participation/conftest.py)."""
    return recorded_sms


@pytest.fixture
def officer(world):
    return staff_user(world.a, "view_report", "change_report", "publish_report")


@pytest.fixture
def staff_a(world):
    return staff_user(world.a, "view_report", "change_report", username="staff_a")


@pytest.fixture
def reports(world):
    """A report of community A whose resident left a name and phone, and one of
    community B with a photo."""
    a = make_report(
        world.a, name=PLANTED_NAME, phone=PLANTED_PHONE, consent=True
    ).report
    b = make_report(
        world.b,
        "SR-01",
        description="滨湖社区的报告",
        location="滨湖路",
        photos=[clean_photo(upload(jpeg_with_gps()))],
    ).report
    return a, b


@pytest.fixture
def planted(world, officer):
    """A published report whose resident left a name and phone, and an unpublished
    one naming them in its text."""
    report = planted_report(world.a).report
    accept(report, by=officer)
    resolve(report, f"已联系{PLANTED_NAME}并清理。", by=officer)
    publish(report, by=officer, title="楼道堆物已清理", text="3号楼楼道堆物,已清理。")
    make_report(
        world.a,
        description=f"{PLANTED_NAME} {PLANTED_PHONE}",
        name=PLANTED_NAME,
        phone=PLANTED_PHONE,
        consent=True,
    )
    return report


def post_action(client, report, name: str, data: dict | None = None):
    """Post one action from the report's page as it is now: the form carries the
    report's version the page showed (its hidden `seen`) and, unless `data` says
    otherwise, the handling mode "service"."""
    from participation.reports.admin_forms import version
    from participation.reports.models import Report

    seen = version(Report.objects.get(pk=report.pk))
    return client.post(
        f"/admin/reports/{report.pk}/{name}/",
        {f"{name}-seen": seen, f"{name}-handling_mode": "service", **(data or {})},
    )


@pytest.fixture
def act():
    return post_action
