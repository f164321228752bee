"""Builders for the role, audit and access-matrix tests: a city with two communities
(A = 黄河社区, B = 滨湖社区) holding one of everything staff handle, and one user per
role, each bound to community A unless the role is citywide."""

from dataclasses import dataclass, field
from datetime import timedelta

from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, TaskState
from wagtail.users.models import UserProfile

from notices.models import (
    AreaAssignment,
    CommunityDutyItem,
    CommunityPage,
    ConvenienceMapPage,
    ConveniencePoint,
    NoticePage,
    StationIndexPage,
)
from notices.stations.areas import apply_assignment
from participation.models import MeetingState, Roundtable, VolunteerTeam
from participation.registrations.rules import register
from participation.roundtables.proposals import propose
from participation.volunteers.signups import sign_up
from portal import roles
from portal.roles import ROLES_BY_KEY
from tests.factories import UserFactory
from tests.notices.event_builders import event_index, make_event, make_notice
from tests.notices.event_builders import notice_index as make_notice_index
from tests.notices.list_builders import catalogue, duty_list
from tests.notices.station_builders import small_tree
from tests.participation.report_builders import make_report

# Planted personal data, one set per community, so a response shows whose it is.
PERSON = {
    "A": {"name": "甲秘密", "phone": "13911110001"},
    "B": {"name": "乙秘密", "phone": "13922220002"},
}
DRAFT_TITLE = "尚未签发的草稿通知"
ROLE_KEYS = (
    "editor",
    "approver",
    "legal_reviewer",
    "station_staff",
    "moderator",
    "volunteer_coordinator",
    "administrator",
)


@dataclass
class City:
    site: object
    directory: StationIndexPage
    district: object
    a: CommunityPage
    b: CommunityPage
    duties: object
    catalogue: object
    notices: object
    events: object
    notice: dict = field(default_factory=dict)  # "A", "B", "city" → NoticePage
    event: dict = field(default_factory=dict)  # "A", "B" → EventPage
    report: dict = field(default_factory=dict)
    registration: dict = field(default_factory=dict)
    signup: dict = field(default_factory=dict)
    meeting: dict = field(default_factory=dict)
    proposal: dict = field(default_factory=dict)
    team: dict = field(default_factory=dict)
    duty: dict = field(default_factory=dict)  # "A", "B" → CommunityDutyItem
    convenience: object = None  # the ConvenienceMapPage
    point: dict = field(default_factory=dict)  # "A", "B" → ConveniencePoint

    def community(self, key: str) -> CommunityPage:
        return {"A": self.a, "B": self.b}[key]


def build_city(site) -> City:
    directory, district, _sub, (a, b) = small_tree(
        site, communities=2, staff_per_community=0, photos=False
    )
    city = City(
        site=site,
        directory=directory,
        district=district,
        a=a,
        b=b,
        duties=duty_list(site.home_zh),
        catalogue=catalogue(site.home_zh),
        notices=make_notice_index(site.home_zh),
        events=event_index(site.home_zh),
    )
    start = timezone.now() + timedelta(days=10)
    for key, community in (("A", a), ("B", b)):
        person = PERSON[key]
        city.notice[key] = make_notice(
            city.notices, f"{community.title}停水通知", communities=[community]
        )
        city.event[key] = make_event(
            city.events,
            f"{community.title}城管开放日",
            community=community,
            address="",
            start=start,
        )
        city.report[key] = make_report(
            community, name=person["name"], phone=person["phone"], consent=True
        ).report
        city.registration[key] = register(
            city.event[key], name=person["name"], phone=person["phone"]
        ).registration
        team = VolunteerTeam.objects.create(
            locale=site.zh,
            name=f"{community.title}志愿者",
            kind="city_volunteers",
            description="协助文明劝导。",
            community=community,
            places=10,
        )
        city.team[key] = team
        city.signup[key] = sign_up(
            team=team,
            community=community,
            name=person["name"],
            phone=person["phone"],
            age_bracket="60_74",
            days=[2],
            time_slots=["morning"],
        ).signup
        city.meeting[key] = Roundtable.objects.create(
            community=community,
            title=f"{community.title}圆桌会",
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            place="党群服务中心",
            convenor="社区党委",
            state=MeetingState.AGENDA_OPEN,
        )
        city.proposal[key] = propose(
            city.meeting[key],
            topic="餐馆油烟扰民",
            description="油烟直排。",
            contact_name=person["name"],
            contact_phone=person["phone"],
            contact_consent=True,
        )
        city.duty[key] = CommunityDutyItem.objects.create(
            locale=site.zh,
            community=community,
            title=f"{community.title}楼道堆物清理",
            handling_class="coordinate",
        )
    convenience = ConvenienceMapPage(title="便民地图", slug="convenience-map")
    site.home_zh.add_child(instance=convenience)
    convenience.save_revision().publish()
    city.convenience = convenience
    for key, community in (("A", a), ("B", b)):
        city.point[key] = ConveniencePoint.objects.create(
            locale=site.zh,
            community=community,
            category="toilet",
            name=f"{community.title}示范公厕",
            latitude=community.latitude,
            longitude=community.longitude,
        )
    city.notice["city"] = make_notice(city.notices, "全市门前三包通知")
    draft = NoticePage(
        title=DRAFT_TITLE, slug="draft-notice", body="<p>草稿</p>", live=False
    )
    city.notices.add_child(instance=draft)
    city.notice["draft"] = draft
    roles.sync_roles()
    return city


def role_user(role_key: str, *areas, username: str | None = None):
    """A staff user holding one role, assigned to `areas` (through the same code the
    area-assignment admin runs)."""
    user = UserFactory(is_staff=True, username=username or f"role-{role_key}")
    user.save()
    user.groups.add(Group.objects.get(name=ROLES_BY_KEY[role_key].group))
    for area in areas:
        assignment = AreaAssignment.objects.create(user=user, area=area)
        apply_assignment(assignment)
    return user


def users_for(city: City) -> dict:
    """One user per role: area roles bound to community A; the moderator and the
    administrator to the whole city (the station directory); approvers and legal
    reviewers, whose work is not about residents' records, to nothing."""
    return {
        "editor": role_user("editor", city.a),
        "approver": role_user("approver"),
        "legal_reviewer": role_user("legal_reviewer"),
        "station_staff": role_user("station_staff", city.a),
        "moderator": role_user("moderator", city.directory),
        "volunteer_coordinator": role_user("volunteer_coordinator", city.a),
        "administrator": role_user("administrator", city.directory),
    }


def logged_in(user, language: str | None = None) -> Client:
    """A client signed in as `user`; with `language`, the admin language the user
    chose in their account (Wagtail's preferred language)."""
    if language is not None:
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
    client = Client()
    client.force_login(user)
    return client


# Driving Wagtail's page editor as a browser would.


def form_values(html: str, form: str = "form#page-edit-form") -> dict[str, list[str]]:
    """The values a browser would send from a form (Wagtail's page form unless
    another CSS selector is given), as served."""
    soup = BeautifulSoup(html, "html.parser")
    form = soup.select_one(form)
    values: dict[str, list[str]] = {}
    for element in form.find_all(["input", "textarea", "select"]):
        name = element.get("name")
        if not name or element.name == "input" and element.get("type") == "submit":
            continue
        if element.name == "input" and element.get("type") in ("checkbox", "radio"):
            if element.has_attr("checked"):
                values.setdefault(name, []).append(element.get("value", "on"))
            continue
        if element.name == "select":
            chosen = [
                o.get("value", "") for o in element.find_all("option", selected=True)
            ]
            if not chosen and not element.has_attr("multiple"):
                first = element.find("option")
                chosen = [first.get("value", "")] if first else []
            values.setdefault(name, []).extend(chosen)
            continue
        value = element.text if element.name == "textarea" else element.get("value", "")
        values.setdefault(name, []).append(value)
    return values


def submit_edit(client: Client, page: Page, action: str, **changes) -> object:
    """Open the page's edit form, change fields, press Publish or Submit."""
    url = f"/admin/pages/{page.pk}/edit/"
    data = form_values(client.get(url).content.decode())
    for name, value in changes.items():
        data[name] = [value]
    data[f"action-{action}"] = ["1"]
    return client.post(url, data)


def approve_current_task(client: Client, page: Page):
    state = TaskState.objects.get(
        workflow_state__object_id=str(page.pk),
        status=TaskState.STATUS_IN_PROGRESS,
    )
    return client.post(
        f"/admin/pages/workflow/action/{page.pk}/approve/{state.pk}/",
        {"comment": ""},
    )


# Every address a viewset has for one record.

# Values for the parts of an address other than the record's id, where the test
# gives none: a revision or workflow id that exists nowhere still reaches the view.
ADDRESS_DEFAULTS = {
    "revision_id": 1,
    "revision_id_a": "earliest",
    "revision_id_b": "latest",
    "action_name": "approve",
    "task_state_id": 1,
    "task_id": 1,
    "workflow_state_id": 1,
    "photo_id": 1,
    "action": "note",
}


def record_addresses(viewset, record, **values) -> dict[str, str]:
    """Each URL of `viewset` that names one record (every view Wagtail routes for
    it: edit, revert, preview, lock, history, usage, workflow…), by URL name, for
    `record`; `values` fill the address's other parts (revision_id, task_state_id…).
    """
    given = {**ADDRESS_DEFAULTS, "pk": record.pk, **values}
    addresses = {}
    for pattern in viewset.get_urlpatterns():
        names = list(pattern.pattern.regex.groupindex)
        if "pk" not in names:
            continue
        kwargs = {name: given[name] for name in names}
        addresses[pattern.name] = reverse(
            viewset.get_url_name(pattern.name), kwargs=kwargs
        )
    return addresses


def refused(response) -> bool:
    """403 or 404, or Wagtail's answer to PermissionDenied: back to the dashboard."""
    if response.status_code in (403, 404):
        return True
    return response.status_code == 302 and response["Location"] == "/admin/"
