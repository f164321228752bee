"""Editors kept inside their area on every page action (notices/stations/scoping.py):
acceptance of issue 23, an editor of community A against community B's pages."""

import pytest

from notices.models import NoticePage
from notices.stations import scoping
from tests.portal.role_builders import form_values, logged_in, role_user

pytestmark = pytest.mark.django_db


def page_addresses(page) -> dict[str, str]:
    """Every admin address that shows or changes a page, by what it does."""
    revision = page.get_latest_revision()
    base = f"/admin/pages/{page.pk}"
    return {
        "edit": f"{base}/edit/",
        "view draft": f"{base}/view_draft/",
        "preview": f"{base}/edit/preview/",
        "revisions": f"{base}/revisions/{revision.pk}/view/",
        "compare": f"{base}/revisions/compare/earliest...latest/",
        "revert": f"{base}/revisions/{revision.pk}/revert/",
        "history": f"{base}/history/",
        "workflow history": f"{base}/workflow_history/",
        "copy": f"{base}/copy/",
        "move": f"{base}/move/",
        "unpublish": f"{base}/unpublish/",
        "delete": f"{base}/delete/",
    }


def refused(response) -> bool:
    return response.status_code in (403, 404) or (
        response.status_code == 302 and response["Location"] == "/admin/"
    )


def test_an_area_editor_is_not_citywide_but_a_bureau_editor_is(city):
    assert scoping.is_area_editor(role_user("editor", city.a))
    assert not scoping.is_area_editor(
        role_user("editor", city.directory, username="e2")
    )


@pytest.mark.parametrize("kind", ["notice", "event"])
def test_an_editor_of_a_is_refused_every_address_of_bs_page(city, kind):
    client = logged_in(role_user("editor", city.a))
    page = getattr(city, kind)["B"]
    outcomes = {
        name: refused(client.get(url)) for name, url in page_addresses(page).items()
    }
    assert outcomes == dict.fromkeys(outcomes, True)
    base = f"/admin/pages/{page.pk}"
    for action in ("lock", "unpublish", "delete"):
        assert refused(client.post(f"{base}/{action}/")), action
    page.refresh_from_db()
    assert page.live and not page.locked


@pytest.mark.parametrize("kind", ["notice", "event"])
def test_an_editor_of_a_opens_as_pages_draft_history_and_revisions(city, kind):
    client = logged_in(role_user("editor", city.a))
    page = getattr(city, kind)["A"]
    addresses = page_addresses(page)
    for name in ("edit", "view draft", "revisions", "history", "copy"):
        response = client.get(addresses[name])
        assert response.status_code == 200, name
    assert page.title in client.get(addresses["view draft"]).content.decode()


def test_citywide_pages_are_outside_an_area_editors_area(city):
    editor = role_user("editor", city.a)
    for page in (city.notice["city"], city.catalogue, city.duties, city.notices):
        permissions = page.permissions_for_user(editor)
        assert not permissions.can_edit()
        assert not permissions.can_view_revisions()
    # Creating under the index stays possible: the form checks the new notice.
    assert city.notices.permissions_for_user(editor).can_add_subpage()


def test_station_staff_of_a_cannot_open_bs_station_page(city):
    client = logged_in(role_user("station_staff", city.a))
    for name, url in page_addresses(city.b).items():
        assert refused(client.get(url)), name
    own = client.get(f"/admin/pages/{city.a.pk}/history/")
    assert own.status_code == 200 and city.a.title in own.content.decode()


def test_a_notice_copied_by_an_area_editor_stays_in_their_area(city):
    client = logged_in(role_user("editor", city.a))
    notice = city.notice["A"]
    response = client.post(
        f"/admin/pages/{notice.pk}/copy/",
        {
            "new_title": "黄河社区停水通知（副本）",
            "new_slug": "huanghe-copy",
            "new_parent_page": str(city.notices.pk),
        },
    )
    assert response.status_code == 302
    copy = NoticePage.objects.get(slug="huanghe-copy")
    assert [link.community for link in copy.scope_communities.all()] == [city.a]


def test_an_event_at_another_communitys_station_is_a_form_error(city):
    client = logged_in(role_user("editor", city.a))
    event = city.event["A"]
    url = f"/admin/pages/{event.pk}/edit/"
    data = form_values(client.get(url).content.decode())
    data["community"] = [str(city.b.pk)]
    data["title"] = ["改到滨湖社区的开放日"]
    response = client.post(url, data)
    assert response.status_code == 200
    assert city.a.title in " ".join(response.context["form"].errors["community"])
    event.refresh_from_db()
    assert event.community_id == city.a.pk
    assert event.get_latest_revision().as_object().title == event.title


def test_approvers_neither_move_nor_copy_notices(city):
    approver = role_user("approver")
    client = logged_in(approver)
    notice = city.notice["B"]
    parent = notice.get_parent()
    for action in ("move", "copy"):
        assert refused(client.get(f"/admin/pages/{notice.pk}/{action}/")), action
    confirm = f"/admin/pages/{notice.pk}/move/{city.notices.pk}/confirm/"
    assert refused(client.post(confirm))
    client.post(
        f"/admin/pages/{notice.pk}/copy/",
        {
            "new_title": "复制的通知",
            "new_slug": "approver-copy",
            "new_parent_page": str(parent.pk),
        },
    )
    assert not NoticePage.objects.filter(slug="approver-copy").exists()
    notice.refresh_from_db()
    assert notice.get_parent().pk == parent.pk
    # Their sign-off is untouched.
    assert notice.permissions_for_user(approver).can_publish()


def test_an_area_editor_moves_and_copies_only_into_their_area(city):
    editor = role_user("editor", city.a)
    # An index holds every area's pages, each keeping its own areas.
    assert scoping.receives(editor, city.notices)
    assert scoping.receives(editor, city.events)
    # A page of community B, or a citywide page, is outside.
    for outside in (city.b, city.notice["B"], city.notice["city"], city.duties):
        assert not scoping.receives(editor, outside), outside.title
    assert scoping.receives(editor, city.notice["A"])
    permissions = city.notice["draft"].permissions_for_user(editor)
    assert not permissions.can_copy_to(city.b)
    assert not permissions.can_move_to(city.b)
    # A bureau-wide editor is not kept to an area.
    assert scoping.receives(role_user("editor", city.directory, username="e2"), city.b)


def test_only_those_who_add_pages_open_move_or_copy_in_the_station_directory(city):
    approver = logged_in(role_user("approver"))
    staff = logged_in(role_user("station_staff", city.a))
    administrator = logged_in(role_user("administrator", city.directory))
    for page in (city.a, city.b, city.district, city.directory):
        for action in ("move", "copy"):
            url = f"/admin/pages/{page.pk}/{action}/"
            assert refused(approver.get(url)), (page.title, action)
            assert refused(staff.get(url)), (page.title, action)
            assert administrator.get(url).status_code == 200, (page.title, action)
    # Their own work is untouched: approvers publish, staff edit their page.
    assert city.a.permissions_for_user(
        role_user("approver", username="a2")
    ).can_publish()
    assert staff.get(f"/admin/pages/{city.a.pk}/edit/").status_code == 200
