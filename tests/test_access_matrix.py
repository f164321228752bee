"""Every role against every staff view, export and API, for two communities.

One user per role (portal/roles.py), bound to community A unless the role is
citywide; the moderator and the administrator are assigned to the whole city.
Each check asks the site what the user gets and names the outcome; the test
compares the whole table with EXPECTED (no access beyond the role) and with
docs/access-matrix.md, which is generated from the same table. After changing a
rule on purpose, regenerate the doc with
`PORTAL_WRITE_ACCESS_MATRIX=1 pytest tests/test_access_matrix.py`.
"""

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client
from django.utils import translation

from portal.roles import ROLES_BY_KEY, display_name
from tests.portal.role_builders import (
    DRAFT_TITLE,
    PERSON,
    ROLE_KEYS,
    City,
    build_city,
    users_for,
)

pytestmark = pytest.mark.django_db

DOC = Path(__file__).resolve().parents[1] / "docs" / "access-matrix.md"
NO = "—"
YES = "✓"


def refused(response) -> bool:
    """Wagtail's admin answers PermissionDenied by going back to the dashboard."""
    if response.status_code in (403, 404):
        return True
    return response.status_code == 302 and response["Location"] in (
        "/admin/",
        "/admin/login/",
    )


def text(response) -> str:
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def shows_personal(body: str, *keys: str) -> bool:
    return any(
        PERSON[key]["name"] in body or PERSON[key]["phone"] in body for key in keys
    )


def which(body: str, markers: dict[str, str]) -> str:
    """Which communities' items a listing or export holds: "A", "B", "A+B", "none"."""
    seen = [key for key, marker in markers.items() if marker in body]
    return "+".join(seen) if seen else "none"


def view(client: Client, url: str) -> str:
    """Opening a page: ✓ or —."""
    return NO if refused(client.get(url)) else YES


def detail(client: Client, url: str, key: str) -> str:
    """A record's page: 'full' (with the resident's contact), 'masked' or —."""
    response = client.get(url)
    if refused(response):
        return NO
    return "full" if shows_personal(text(response), key) else "masked"


def listing(client: Client, url: str, markers: dict[str, str]) -> str:
    response = client.get(url)
    if refused(response):
        return NO
    return which(text(response), markers)


def export(client: Client, url: str, markers: dict[str, str]) -> str:
    response = client.get(url)
    if refused(response):
        return NO
    body = text(response)
    kind = "full" if shows_personal(body, "A", "B") else "masked"
    return f"{which(body, markers)} {kind}"


def act(client: Client, url: str, data=None) -> str:
    """An action posted with an empty form: a user allowed to act gets the form
    back with its errors (400), one who is not is refused; nothing changes."""
    response = client.post(url, data or {})
    if refused(response):
        return NO
    assert response.status_code == 400, (url, response.status_code)
    return YES


def publish_right(user, page) -> str:
    return YES if page.permissions_for_user(user).can_publish() else NO


def report_refs(city: City) -> dict[str, str]:
    return {key: city.report[key].reference for key in ("A", "B")}


def signup_refs(city: City) -> dict[str, str]:
    return {key: city.signup[key].reference for key in ("A", "B")}


def event_titles(city: City) -> dict[str, str]:
    return {key: city.event[key].title for key in ("A", "B")}


def meeting_titles(city: City) -> dict[str, str]:
    return {key: city.meeting[key].title for key in ("A", "B")}


def registrations(city: City, key: str, query: str = "") -> str:
    return f"/admin/event-registrations/?event={city.event[key].pk}{query}"


def check_in(city: City, key: str) -> str:
    return f"/admin/event-registrations/check-in/{city.event[key].pk}/"


def edit_url(page) -> str:
    return f"/admin/pages/{page.pk}/edit/"


def page_url(page, rest: str) -> str:
    return f"/admin/pages/{page.pk}/{rest}"


def duty_url(city: City, key: str, view_name: str) -> str:
    item = city.duty[key]
    return f"/admin/snippets/notices/communitydutyitem/{view_name}/{item.pk}/"


def duty_revision_url(city: City, key: str, view_name: str) -> str:
    """An address of one of the duty's revisions (one is saved if it has none)."""
    item = city.duty[key]
    revision = item.latest_revision or item.save_revision()
    base = "/admin/snippets/notices/communitydutyitem/history"
    return f"{base}/{item.pk}/revisions/{revision.pk}/{view_name}/"


def point_url(city: City, key: str, view_name: str) -> str:
    point = city.point[key]
    return f"/admin/snippets/notices/conveniencepoint/{view_name}/{point.pk}/"


def point_names(city: City) -> dict[str, str]:
    return {key: city.point[key].name for key in ("A", "B")}


def posted(client: Client, url: str) -> str:
    """An operation posted without a form (lock, unlock): ✓ unless refused."""
    return NO if refused(client.post(url)) else YES


def team_url(city: City, key: str) -> str:
    return f"/admin/snippets/participation/volunteerteam/edit/{city.team[key].pk}/"


def proposal_url(city: City, key: str) -> str:
    return f"/admin/agenda-proposals/inspect/{city.proposal[key].pk}/"


def bulk(record, action: str) -> str:
    """Wagtail's bulk-action confirmation for one record (refused or shown)."""
    meta = record._meta
    return f"/admin/bulk/{meta.app_label}/{meta.model_name}/{action}/?id={record.pk}"


def revision_url(page) -> str:
    return page_url(page, f"revisions/{page.get_latest_revision().pk}/view/")


def public_open311(client: Client, city: City) -> str:
    body = text(client.get("/api/open311/v2/requests.json"))
    assert city.report["A"].reference or body  # the API answered
    return "personal data shown" if shows_personal(body, "A", "B") else "none"


def public_pages_api(client: Client, city: City) -> str:
    response = client.get("/api/v2/pages/?type=notices.NoticePage&limit=50")
    titles = [item["title"] for item in json.loads(text(response))["items"]]
    assert city.notice["A"].title in titles  # published notices are listed
    return "listed" if DRAFT_TITLE in titles else "hidden"


Check = Callable[[Client, object, City], str]

CHECKS: list[tuple[str, str, Check]] = [
    # Residents' reports
    ("Reports", "queue (which communities)",
     lambda c, u, w: listing(c, "/admin/reports/?state=all", report_refs(w))),
    ("Reports", "report in A: detail",
     lambda c, u, w: detail(c, f"/admin/reports/{w.report['A'].pk}/", "A")),
    ("Reports", "report in B: detail",
     lambda c, u, w: detail(c, f"/admin/reports/{w.report['B'].pk}/", "B")),
    ("Reports", "report in B: inspect",
     lambda c, u, w: detail(c, f"/admin/reports/inspect/{w.report['B'].pk}/", "B")),
    ("Reports", "report in B: bulk accept",
     lambda c, u, w: view(c, bulk(w.report["B"], "accept_reports"))),
    ("Reports", "report in A: bulk delete",
     lambda c, u, w: view(c, bulk(w.report["A"], "delete"))),
    ("Reports", "report in B: history",
     lambda c, u, w: view(c, f"/admin/reports/history/{w.report['B'].pk}/")),
    ("Reports", "report in A: act (note)",
     lambda c, u, w: act(c, f"/admin/reports/{w.report['A'].pk}/note/")),
    ("Reports", "report in B: act (note)",
     lambda c, u, w: act(c, f"/admin/reports/{w.report['B'].pk}/note/")),
    ("Reports", "CSV export",
     lambda c, u, w: export(c, "/admin/reports/?state=all&export=csv", report_refs(w))),
    ("API", "Open311 API keys (admin)",
     lambda c, u, w: view(c, "/admin/open311-keys/")),
    ("API", "Open311 requests (public): personal data",
     lambda c, u, w: public_open311(c, w)),
    ("API", "pages API (public): draft notice",
     lambda c, u, w: public_pages_api(c, w)),
    # Event registrations
    ("Registrations", "events listed",
     lambda c, u, w: listing(c, "/admin/event-registrations/", event_titles(w))),
    ("Registrations", "event at A: registrations",
     lambda c, u, w: detail(c, registrations(w, "A"), "A")),
    ("Registrations", "event at B: registrations",
     lambda c, u, w: detail(c, registrations(w, "B"), "B")),
    ("Registrations", "event at A: export",
     lambda c, u, w: detail(c, registrations(w, "A", "&export=csv"), "A")),
    ("Registrations", "event at B: export",
     lambda c, u, w: detail(c, registrations(w, "B", "&export=csv"), "B")),
    ("Registrations", "event at A: check-in",
     lambda c, u, w: view(c, check_in(w, "A"))),
    ("Registrations", "event at B: check-in",
     lambda c, u, w: view(c, check_in(w, "B"))),
    # Volunteers
    ("Volunteers", "sign-ups listed",
     lambda c, u, w: listing(c, "/admin/volunteers/", signup_refs(w))),
    ("Volunteers", "volunteer in A: detail",
     lambda c, u, w: detail(c, f"/admin/volunteers/inspect/{w.signup['A'].pk}/", "A")),
    ("Volunteers", "volunteer in B: detail",
     lambda c, u, w: detail(c, f"/admin/volunteers/inspect/{w.signup['B'].pk}/", "B")),
    ("Volunteers", "volunteer in A: decide",
     lambda c, u, w: act(c, f"/admin/volunteers/decide/{w.signup['A'].pk}/")),
    ("Volunteers", "volunteer in B: decide",
     lambda c, u, w: act(c, f"/admin/volunteers/decide/{w.signup['B'].pk}/")),
    ("Volunteers", "volunteer in B: bulk approve",
     lambda c, u, w: view(c, bulk(w.signup["B"], "approve"))),
    ("Volunteers", "team of A: edit",
     lambda c, u, w: view(c, team_url(w, "A"))),
    ("Volunteers", "team of B: edit",
     lambda c, u, w: view(c, team_url(w, "B"))),
    ("Volunteers", "team of B: delete",
     lambda c, u, w: view(
         c, team_url(w, "B").replace("/edit/", "/delete/"))),
    ("Volunteers", "team of B: history",
     lambda c, u, w: view(
         c, team_url(w, "B").replace("/edit/", "/history/"))),
    ("Volunteers", "CSV export",
     lambda c, u, w: export(c, "/admin/volunteers/?export=csv", signup_refs(w))),
    # Roundtables
    ("Roundtables", "meetings listed",
     lambda c, u, w: listing(c, "/admin/roundtables/", meeting_titles(w))),
    ("Roundtables", "meeting in A: detail",
     lambda c, u, w: detail(c, f"/admin/roundtables/{w.meeting['A'].pk}/", "A")),
    ("Roundtables", "meeting in B: detail",
     lambda c, u, w: detail(c, f"/admin/roundtables/{w.meeting['B'].pk}/", "B")),
    ("Roundtables", "proposal in A: moderate",
     lambda c, u, w: act(
         c, f"/admin/roundtables/proposal/{w.proposal['A'].pk}/decline/")),
    ("Roundtables", "proposal in B: moderate",
     lambda c, u, w: act(
         c, f"/admin/roundtables/proposal/{w.proposal['B'].pk}/decline/")),
    ("Roundtables", "proposal in B: inspect",
     lambda c, u, w: detail(c, proposal_url(w, "B"), "B")),
    ("Roundtables", "proposal in B: bulk decline",
     lambda c, u, w: view(c, bulk(w.proposal["B"], "decline"))),
    ("Roundtables", "new meeting",
     lambda c, u, w: view(c, "/admin/roundtables/add/")),
    # Pages
    ("Pages", "station page of A: edit",
     lambda c, u, w: view(c, edit_url(w.a))),
    ("Pages", "station page of B: edit",
     lambda c, u, w: view(c, edit_url(w.b))),
    ("Pages", "station page of B: view draft",
     lambda c, u, w: view(c, page_url(w.b, "view_draft/"))),
    ("Pages", "station page of B: history",
     lambda c, u, w: view(c, page_url(w.b, "history/"))),
    ("Pages", "station page of B: revision",
     lambda c, u, w: view(c, revision_url(w.b))),
    ("Pages", "station page of A: copy",
     lambda c, u, w: view(c, page_url(w.a, "copy/"))),
    ("Pages", "station page of B: move",
     lambda c, u, w: view(c, page_url(w.b, "move/"))),
    ("Pages", "station page of A: publish (bureau approval)",
     lambda c, u, w: publish_right(u, w.a)),
    ("Pages", "notice for A: edit",
     lambda c, u, w: view(c, edit_url(w.notice["A"]))),
    ("Pages", "notice for B: edit",
     lambda c, u, w: view(c, edit_url(w.notice["B"]))),
    ("Pages", "notice for A: view draft",
     lambda c, u, w: view(c, page_url(w.notice["A"], "view_draft/"))),
    ("Pages", "notice for B: view draft",
     lambda c, u, w: view(c, page_url(w.notice["B"], "view_draft/"))),
    ("Pages", "notice for B: preview",
     lambda c, u, w: view(c, page_url(w.notice["B"], "edit/preview/"))),
    ("Pages", "notice for B: revision",
     lambda c, u, w: view(c, revision_url(w.notice["B"]))),
    ("Pages", "notice for B: compare revisions",
     lambda c, u, w: view(
         c, page_url(w.notice["B"], "revisions/compare/earliest...latest/"))),
    ("Pages", "notice for B: revert",
     lambda c, u, w: view(c, page_url(
         w.notice["B"], f"revisions/{w.notice['B'].get_latest_revision().pk}/revert/"
     ))),
    ("Pages", "notice for B: lock",
     lambda c, u, w: posted(c, page_url(w.notice["B"], "lock/"))),
    ("Pages", "notice for B: unlock",
     lambda c, u, w: posted(c, page_url(w.notice["B"], "unlock/"))),
    ("Pages", "notice for A: copy",
     lambda c, u, w: view(c, page_url(w.notice["A"], "copy/"))),
    ("Pages", "notice for A: move",
     lambda c, u, w: view(c, page_url(w.notice["A"], "move/"))),
    ("Pages", "notice for B: history",
     lambda c, u, w: view(c, page_url(w.notice["B"], "history/"))),
    ("Pages", "notice for B: copy",
     lambda c, u, w: view(c, page_url(w.notice["B"], "copy/"))),
    ("Pages", "notice for B: move",
     lambda c, u, w: view(c, page_url(w.notice["B"], "move/"))),
    ("Pages", "notice for B: unpublish",
     lambda c, u, w: view(c, page_url(w.notice["B"], "unpublish/"))),
    ("Pages", "citywide notice: edit",
     lambda c, u, w: view(c, edit_url(w.notice["city"]))),
    ("Pages", "notice: publish (sign-off)",
     lambda c, u, w: publish_right(u, w.notice["A"])),
    ("Pages", "event at A: edit",
     lambda c, u, w: view(c, edit_url(w.event["A"]))),
    ("Pages", "event at B: edit",
     lambda c, u, w: view(c, edit_url(w.event["B"]))),
    ("Pages", "event at B: view draft",
     lambda c, u, w: view(c, page_url(w.event["B"], "view_draft/"))),
    ("Pages", "event at B: history",
     lambda c, u, w: view(c, page_url(w.event["B"], "history/"))),
    ("Pages", "duty list: edit",
     lambda c, u, w: view(c, edit_url(w.duties))),
    ("Pages", "catalogue: edit",
     lambda c, u, w: view(c, edit_url(w.catalogue))),
    ("Pages", "duty list: publish (legal review)",
     lambda c, u, w: publish_right(u, w.duties)),
    ("Pages", "catalogue: history",
     lambda c, u, w: view(c, page_url(w.catalogue, "history/"))),
    ("Pages", "catalogue: publish (legal review)",
     lambda c, u, w: publish_right(u, w.catalogue)),
    # Communities' own duties (snippets, legal review)
    ("Lists", "community duty of A: edit",
     lambda c, u, w: view(c, duty_url(w, "A", "edit"))),
    ("Lists", "community duty of B: edit",
     lambda c, u, w: view(c, duty_url(w, "B", "edit"))),
    ("Lists", "community duty of B: history",
     lambda c, u, w: view(c, duty_url(w, "B", "history"))),
    ("Lists", "community duty of B: revert",
     lambda c, u, w: view(c, duty_revision_url(w, "B", "revert"))),
    ("Lists", "community duty of B: compare revisions",
     lambda c, u, w: view(
         c, duty_url(w, "B", "history") + "revisions/compare/earliest...latest/")),
    ("Lists", "community duty of B: usage",
     lambda c, u, w: view(c, duty_url(w, "B", "usage"))),
    ("Lists", "community duty of B: copy",
     lambda c, u, w: view(c, duty_url(w, "B", "copy"))),
    ("Lists", "community duty of B: workflow history",
     lambda c, u, w: view(c, duty_url(w, "B", "workflow_history"))),
    ("Lists", "community duty of B: lock",
     lambda c, u, w: posted(c, duty_url(w, "B", "lock"))),
    ("Lists", "community duty of B: unlock",
     lambda c, u, w: posted(c, duty_url(w, "B", "unlock"))),
    # Convenience map: public places, kept by their communities' stations
    ("Convenience map", "convenience points listed",
     lambda c, u, w: listing(
         c, "/admin/snippets/notices/conveniencepoint/", point_names(w))),
    ("Convenience map", "convenience point of A: edit",
     lambda c, u, w: view(c, point_url(w, "A", "edit"))),
    ("Convenience map", "convenience point of B: edit",
     lambda c, u, w: view(c, point_url(w, "B", "edit"))),
    ("Convenience map", "convenience point of B: delete",
     lambda c, u, w: view(c, point_url(w, "B", "delete"))),
    ("Convenience map", "convenience point of B: inspect",
     lambda c, u, w: view(c, point_url(w, "B", "inspect"))),
    ("Convenience map", "convenience points: import",
     lambda c, u, w: view(c, "/admin/convenience/import/")),
    ("Stations", "stations: import",
     lambda c, u, w: view(c, "/admin/stations/import/")),
    ("Stations", "stations: export",
     lambda c, u, w: view(c, "/admin/stations/export/")),
    ("Stations", "community boundaries: import",
     lambda c, u, w: view(c, "/admin/stations/boundaries/")),
    ("Stations", "community boundaries: export",
     lambda c, u, w: view(c, "/admin/stations/boundaries/export/")),
    # Administration
    ("Admin", "area assignments",
     lambda c, u, w: view(c, "/admin/area_assignments/")),
    ("Admin", "audit log",
     lambda c, u, w: view(c, "/admin/audit_log/")),
    ("Admin", "users",
     lambda c, u, w: view(c, "/admin/users/")),
]  # fmt: skip

# Columns: editor, approver, legal reviewer, station staff, moderator, volunteer
# coordinator, administrator.
EXPECTED: dict[str, tuple[str, ...]] = {
    "queue (which communities)": (NO, NO, NO, "A", "A+B", NO, "A+B"),
    "report in A: detail": (NO, NO, NO, "full", "masked", NO, "full"),
    "report in B: detail": (NO, NO, NO, NO, "masked", NO, "full"),
    "report in B: inspect": (NO, NO, NO, NO, "masked", NO, "masked"),
    "report in B: bulk accept": (NO, NO, NO, NO, YES, NO, YES),
    "report in A: bulk delete": (NO, NO, NO, NO, NO, NO, YES),
    "report in B: history": (NO, NO, NO, NO, NO, NO, YES),
    "report in A: act (note)": (NO, NO, NO, YES, YES, NO, YES),
    "report in B: act (note)": (NO, NO, NO, NO, YES, NO, YES),
    "Open311 API keys (admin)": (NO, NO, NO, NO, NO, NO, YES),
    "Open311 requests (public): personal data": ("none",) * 7,
    "pages API (public): draft notice": ("hidden",) * 7,
    "events listed": (NO, NO, NO, "A", NO, NO, "A+B"),
    "event at A: registrations": (NO, NO, NO, "full", NO, NO, "full"),
    "event at B: registrations": (NO, NO, NO, NO, NO, NO, "full"),
    "event at A: export": (NO, NO, NO, "full", NO, NO, "full"),
    "event at B: export": (NO, NO, NO, NO, NO, NO, "full"),
    "event at A: check-in": (NO, NO, NO, YES, NO, NO, YES),
    "event at B: check-in": (NO, NO, NO, NO, NO, NO, YES),
    "sign-ups listed": (NO, NO, NO, "A", NO, "A", "A+B"),
    "volunteer in A: detail": (NO, NO, NO, "masked", NO, "full", "full"),
    "volunteer in B: detail": (NO, NO, NO, NO, NO, NO, "full"),
    "volunteer in A: decide": (NO, NO, NO, YES, NO, YES, YES),
    "volunteer in B: decide": (NO, NO, NO, NO, NO, NO, YES),
    "volunteer in B: bulk approve": (NO, NO, NO, NO, NO, NO, YES),
    "team of A: edit": (NO, NO, NO, NO, NO, YES, YES),
    "team of B: edit": (NO, NO, NO, NO, NO, NO, YES),
    "team of B: delete": (NO, NO, NO, NO, NO, NO, YES),
    "team of B: history": (NO, NO, NO, NO, NO, NO, YES),
    "meetings listed": (NO, NO, NO, "A", "A+B", NO, "A+B"),
    "meeting in A: detail": (NO, NO, NO, "full", "masked", NO, "full"),
    "meeting in B: detail": (NO, NO, NO, NO, "masked", NO, "full"),
    "proposal in A: moderate": (NO, NO, NO, YES, YES, NO, YES),
    "proposal in B: moderate": (NO, NO, NO, NO, YES, NO, YES),
    "proposal in B: inspect": (NO, NO, NO, NO, "masked", NO, "full"),
    "proposal in B: bulk decline": (NO, NO, NO, NO, YES, NO, YES),
    "new meeting": (NO, NO, NO, YES, NO, NO, YES),
    "station page of A: edit": (NO, YES, NO, YES, NO, NO, YES),
    "station page of B: edit": (NO, YES, NO, NO, NO, NO, YES),
    "station page of B: view draft": (NO, YES, NO, NO, NO, NO, YES),
    "station page of B: history": (NO, YES, NO, NO, NO, NO, YES),
    "station page of B: revision": (NO, YES, NO, NO, NO, NO, YES),
    "station page of A: copy": (NO, NO, NO, NO, NO, NO, YES),
    "station page of B: move": (NO, NO, NO, NO, NO, NO, YES),
    "station page of A: publish (bureau approval)": (NO, YES, NO, NO, NO, NO, YES),
    "notice for A: edit": (YES, YES, NO, NO, NO, NO, YES),
    "notice for B: edit": (NO, YES, NO, NO, NO, NO, YES),
    "notice for A: view draft": (YES, YES, NO, NO, NO, NO, YES),
    "notice for B: view draft": (NO, YES, NO, NO, NO, NO, YES),
    "notice for B: preview": (NO, YES, NO, NO, NO, NO, YES),
    "notice for B: revision": (NO, YES, NO, NO, NO, NO, YES),
    "notice for B: compare revisions": (NO, YES, NO, NO, NO, NO, YES),
    "notice for B: revert": (NO, YES, NO, NO, NO, NO, YES),
    "notice for B: lock": (NO, NO, NO, NO, NO, NO, YES),
    "notice for B: unlock": (NO, NO, NO, NO, NO, NO, YES),
    "notice for A: copy": (YES, NO, NO, NO, NO, NO, YES),
    "notice for A: move": (NO, NO, NO, NO, NO, NO, YES),
    "notice for B: history": (NO, YES, NO, NO, NO, NO, YES),
    "notice for B: copy": (NO, NO, NO, NO, NO, NO, YES),
    "notice for B: move": (NO, NO, NO, NO, NO, NO, YES),
    "notice for B: unpublish": (NO, YES, NO, NO, NO, NO, YES),
    "citywide notice: edit": (NO, YES, NO, NO, NO, NO, YES),
    "notice: publish (sign-off)": (NO, YES, NO, NO, NO, NO, YES),
    "event at A: edit": (YES, YES, NO, NO, NO, NO, YES),
    "event at B: edit": (NO, YES, NO, NO, NO, NO, YES),
    "event at B: view draft": (NO, YES, NO, NO, NO, NO, YES),
    "event at B: history": (NO, YES, NO, NO, NO, NO, YES),
    "duty list: edit": (NO, NO, YES, NO, NO, NO, YES),
    "catalogue: edit": (NO, NO, YES, NO, NO, NO, YES),
    "catalogue: publish (legal review)": (NO,) * 7,
    "duty list: publish (legal review)": (NO,) * 7,
    "catalogue: history": (NO, NO, YES, NO, NO, NO, YES),
    "community duty of A: edit": (NO, NO, YES, YES, NO, NO, YES),
    "community duty of B: edit": (NO, NO, YES, NO, NO, NO, YES),
    "community duty of B: history": (NO, NO, YES, NO, NO, NO, YES),
    "community duty of B: revert": (NO, NO, YES, NO, NO, NO, YES),
    "community duty of B: compare revisions": (NO, NO, YES, NO, NO, NO, YES),
    "community duty of B: usage": (NO, NO, YES, NO, NO, NO, YES),
    "community duty of B: copy": (NO, NO, NO, NO, NO, NO, YES),
    "community duty of B: workflow history": (NO, NO, YES, NO, NO, NO, YES),
    "community duty of B: lock": (NO, NO, NO, NO, NO, NO, YES),
    "community duty of B: unlock": (NO, NO, NO, NO, NO, NO, YES),
    "convenience points listed": (NO, NO, NO, "A", NO, NO, "A+B"),
    "convenience point of A: edit": (NO, NO, NO, YES, NO, NO, YES),
    "convenience point of B: edit": (NO, NO, NO, NO, NO, NO, YES),
    "convenience point of B: delete": (NO, NO, NO, NO, NO, NO, YES),
    "convenience point of B: inspect": (NO, NO, NO, NO, NO, NO, YES),
    "convenience points: import": (NO, NO, NO, YES, NO, NO, YES),
    "stations: import": (NO, NO, NO, NO, NO, NO, YES),
    "stations: export": (NO, NO, NO, NO, NO, NO, YES),
    "community boundaries: import": (NO, NO, NO, NO, NO, NO, YES),
    "community boundaries: export": (NO, NO, NO, NO, NO, NO, YES),
    "area assignments": (NO, NO, NO, NO, NO, NO, YES),
    "audit log": (NO, NO, NO, NO, NO, NO, YES),
    "users": (NO, NO, NO, NO, NO, NO, YES),
}
EXPECTED_EXPORTS = {
    "Reports": (NO, NO, NO, "A full", "A+B masked", NO, "A+B full"),
    "Volunteers": (NO, NO, NO, "A masked", NO, "A full", "A+B full"),
}


def expected(section: str, label: str) -> tuple[str, ...]:
    if label == "CSV export":
        return EXPECTED_EXPORTS[section]
    return EXPECTED[label]


def role_heading(key: str) -> str:
    """A role's group in both languages ("Area editors · 编辑")."""
    name = ROLES_BY_KEY[key].group
    with translation.override("zh-hans"):
        return f"{name} · {display_name(name)}"


def render(results: dict[tuple[str, str], tuple[str, ...]]) -> str:
    names = [role_heading(key) for key in ROLE_KEYS]
    lines = [
        "# Access matrix",
        "",
        "Generated by `tests/test_access_matrix.py` from what the site answered; the "
        "test fails when this file and the site disagree. Regenerate with "
        "`PORTAL_WRITE_ACCESS_MATRIX=1 .venv/bin/python -m pytest "
        "tests/test_access_matrix.py`.",
        "",
        "Two communities, A and B. Editors, station staff and volunteer coordinators "
        "are assigned to community A; the report moderator and the administrator to "
        "the whole city (the station directory); approvers and legal reviewers to no "
        "area (their work is pages, not residents' records).",
        "",
        "✓ allowed · — refused (Wagtail sends the user back to the dashboard) · "
        "A, B, A+B: whose records a list or export holds · full: residents' names and "
        "phones shown · masked: shown without them · none: nothing personal · "
        "publish (…): who may put the page live; everyone else's changes wait in "
        "the workflow for one of them.",
        "",
        "| area | view, export or API | " + " | ".join(names) + " |",
        "| --- | --- | " + " | ".join("---" for _name in names) + " |",
    ]
    for (section, label), row in results.items():
        lines.append(f"| {section} | {label} | " + " | ".join(row) + " |")
    return "\n".join(lines) + "\n"


def test_every_role_gets_exactly_its_access_in_both_communities(bilingual_site):
    city = build_city(bilingual_site)
    users = users_for(city)
    clients = {}
    for key in ROLE_KEYS:
        clients[key] = Client()
        clients[key].force_login(users[key])
    results: dict[tuple[str, str], tuple[str, ...]] = {}
    for section, label, check in CHECKS:
        results[(section, label)] = tuple(
            check(clients[key], users[key], city) for key in ROLE_KEYS
        )
    differences = [
        f"{section} / {label}: expected {expected(section, label)}, got {row}"
        for (section, label), row in results.items()
        if row != expected(section, label)
    ]
    assert not differences, "\n".join(differences)

    document = render(results)
    if os.environ.get("PORTAL_WRITE_ACCESS_MATRIX"):
        DOC.parent.mkdir(exist_ok=True)
        DOC.write_text(document, encoding="utf-8")
    assert DOC.read_text(encoding="utf-8") == document, (
        "docs/access-matrix.md is out of date: regenerate it (see the module "
        "docstring)."
    )
