"""The admin home's "Your work" panel (portal/admin_home.py): each role sees its own
waiting work."""

import re

import pytest

from tests.portal.role_builders import build_city, logged_in, role_user

pytestmark = pytest.mark.django_db


def test_the_admin_home_shows_each_role_its_own_waiting_work(bilingual_site):
    """In Chinese, the admin's language for staff who have not chosen another."""
    city = build_city(bilingual_site)
    staff_home = logged_in(role_user("station_staff", city.a)).get("/admin/")
    html = " ".join(staff_home.content.decode().split())
    assert "我的待办" in html
    for label in ("今日收到的活动报名", "等待审批的志愿者", "待审核的议题提案"):
        assert re.search(re.escape(label) + r": <strong>1</strong>", html), label

    editor_home = logged_in(role_user("editor", city.a)).get("/admin/")
    editor_html = " ".join(editor_home.content.decode().split())
    assert "等待您审核或签发的页面: <strong>0</strong>" in editor_html
    assert "等待审批的志愿者" not in editor_html
