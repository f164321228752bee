# ruff: noqa: E501  (bilingual demo prose, like */demo.py in pyproject.toml)
"""Demo volunteer teams, volunteers and roundtables (all fictional, marked as demo).

Idempotent: teams are found by name, volunteers by reference, meetings by title and
community. Figures follow the programme's documents (points exchanged for property-fee
discounts; 12 restaurants' cooking fumes settled with purifiers at a roundtable).
"""

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from home.demo import add_quick_link, home_pages
from notices.models import CommunityPage
from participation import roundtables as rules
from participation.models.roundtables import (
    AgendaProposal,
    MeetingKind,
    MeetingState,
    ProposalStatus,
    Resolution,
    ResolutionStatus,
    Roundtable,
)
from participation.submissions import hash_token
from participation.volunteers.models import (
    AgeBracket,
    ServiceEntry,
    SignUpStatus,
    TeamKind,
    VolunteerSignUp,
    VolunteerTeam,
)
from portal.demo import locales

SHANGHAI = ZoneInfo("Asia/Shanghai")

# (kind, community or None for citywide, places, recruiting, zh, en)
TEAMS = [
    (
        TeamKind.CITY_VOLUNTEERS,
        None,
        200,
        True,
        {
            "name": "城管志愿者",
            "area": "全市各社区",
            "description": "协助劝导占道经营、文明宣传、垃圾分类指导,每月服务不少于4小时。(演示数据)",
        },
        {
            "name": "City-management volunteers",
            "area": "Every community in the city",
            "description": "Help persuade street vendors off the road, explain waste sorting "
            "and run awareness stands; at least four hours a month. (demo)",
        },
    ),
    (
        TeamKind.SILVER_HAIR,
        "黄河社区",
        30,
        True,
        {
            "name": "银发协管员",
            "area": "黄河社区各小区",
            "description": "退休居民在家门口巡查楼道堆物、飞线充电,及时向工作站反映。(演示数据)",
        },
        {
            "name": "Silver-hair assistants",
            "area": "The estates of Huanghe Community",
            "description": "Retired residents look out for corridor clutter and e-bike "
            "charging cords near home and tell the station. (demo)",
        },
    ),
    (
        TeamKind.MERCHANTS,
        "光明社区",
        40,
        True,
        {
            "name": "商户志愿者",
            "area": "光明社区沿街商铺",
            "description": "沿街商户落实门前三包,互相提醒不出店经营。(演示数据)",
        },
        {
            "name": "Merchant volunteers",
            "area": "Shops along the streets of Guangming Community",
            "description": "Shopkeepers keep their shop fronts clear and remind each "
            "other not to trade outside. (demo)",
        },
    ),
    (
        TeamKind.SUPERVISORS,
        None,
        50,
        True,
        {
            "name": "城管百姓监督员",
            "area": "全市",
            "description": "监督城管执法和服务,参加开放日和评议,提出改进建议。(演示数据)",
        },
        {
            "name": "Citizen supervisors",
            "area": "Citywide",
            "description": "Watch over enforcement and services, join open days and "
            "reviews, and suggest improvements. (demo)",
        },
    ),
    (
        TeamKind.CITY_PARTNERS,
        None,
        20,
        False,
        {
            "name": "城市合伙人",
            "area": "全市",
            "description": "企业、物业和社会组织与城管共建共治,认领街区微治理项目。(演示数据)",
        },
        {
            "name": "City partners",
            "area": "Citywide",
            "description": "Companies, property managers and associations adopt small "
            "street projects with the bureau. (demo)",
        },
    ),
]

# (reference, name, phone, team name, community, hours, points, honour roll)
VOLUNTEERS = [
    (
        "VDEMO001",
        "王秀英(演示)",
        "13900000101",
        "银发协管员",
        "黄河社区",
        "3",
        30,
        True,
    ),
    (
        "VDEMO002",
        "李建国(演示)",
        "13900000102",
        "城管志愿者",
        "黄河社区",
        "6.5",
        65,
        True,
    ),
    (
        "VDEMO003",
        "张海燕(演示)",
        "13900000103",
        "商户志愿者",
        "光明社区",
        "2",
        20,
        False,
    ),
    (
        "VDEMO004",
        "刘志强(演示)",
        "13900000104",
        "城管志愿者",
        "滨湖社区",
        "4",
        40,
        True,
    ),
]


def community(title: str) -> CommunityPage | None:
    zh, _en = locales()
    return CommunityPage.objects.filter(locale=zh, title=title).first()


def ensure_teams() -> dict[str, VolunteerTeam]:
    zh, en = locales()
    teams = {}
    for order, (kind, where, places, recruiting, text_zh, text_en) in enumerate(TEAMS):
        page = community(where) if where else None
        if where and page is None:
            continue
        team = VolunteerTeam.objects.filter(locale=zh, name=text_zh["name"]).first()
        if team is None:
            team = VolunteerTeam.objects.create(
                locale=zh,
                kind=kind,
                community=page,
                places=places,
                recruiting=recruiting,
                sort_order=(order + 1) * 10,
                **text_zh,
            )
        if not VolunteerTeam.objects.filter(
            translation_key=team.translation_key, locale=en
        ).exists():
            translated = team.copy_for_translation(en)
            for name, value in text_en.items():
                setattr(translated, name, value)
            translated.save()
        teams[team.name] = team
    return teams


def ensure_volunteers(teams: dict[str, VolunteerTeam]) -> int:
    today = timezone.localdate()
    made = 0
    for reference, name, phone, team_name, where, hours, points, roll in VOLUNTEERS:
        team, page = teams.get(team_name), community(where)
        if team is None or page is None:
            continue
        if VolunteerSignUp.objects.filter(reference=reference).exists():
            continue
        signup = VolunteerSignUp.objects.create(
            team=team,
            community=page,
            status=SignUpStatus.APPROVED,
            reference=reference,
            # A demo status link nobody can open: only the hash of a throwaway.
            token_hash=hash_token(f"demo-{reference}-not-a-real-link"),
            name=name,
            phone=phone,
            days=[2, 4, 6],
            time_slots=["morning"],
            skills="演示数据",
            age_bracket=AgeBracket.FROM_60
            if team_name == "银发协管员"
            else AgeBracket.FROM_35,
            honour_roll=roll,
            consented_at=timezone.now(),
            decided_at=timezone.now(),
            decision_reason="欢迎加入!(演示数据)",
        )
        ServiceEntry.objects.create(
            signup=signup,
            activity="文明劝导和垃圾分类宣传(演示)",
            date=today - dt.timedelta(days=7),
            hours=Decimal(hours),
            points=points,
        )
        made += 1
    return made


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=SHANGHAI)


def ensure_roundtables() -> int:
    page = community("黄河社区")
    if page is None:
        return 0
    today = timezone.localdate()
    common = {
        "community": page,
        "kind": MeetingKind.ROUNDTABLE,
        "place": "黄河社区党群服务中心二楼会议室(演示)",
        "convenor": "黄河社区党委",
    }
    made = 0
    past_title = "城管议事圆桌会:餐饮油烟问题(演示)"
    if not Roundtable.objects.filter(community=page, title=past_title).exists():
        day = today - dt.timedelta(days=40)
        past = Roundtable.objects.create(
            title=past_title,
            starts_at=at(day, 14, 30),
            ends_at=at(day, 16, 30),
            invited_note="人民路沿街12家餐馆",
            state=MeetingState.AGENDA_OPEN,
            **common,
        )
        fumes = rules.propose(
            past,
            topic="沿街餐馆油烟扰民",
            description="人民路12家餐馆油烟直排,楼上住户无法开窗。(演示)",
        )
        charging = rules.propose(
            past,
            topic="楼道飞线充电",
            description="3号楼电动车充电线从窗口拉下,存在安全隐患。(演示)",
        )
        fumes = rules.accept(fumes, minutes_allotted=40)
        charging = rules.accept(charging, minutes_allotted=20)
        for state in (MeetingState.AGENDA_CLOSED, MeetingState.HELD):
            rules.advance(past, state)
        rules.publish_minutes(
            past,
            summary="与会各方同意:12家餐馆一个月内安装油烟净化器,城管中队跟踪检查;"
            "物业在小区增设集中充电桩。(演示数据)",
            attendance_count=26,
            organisations="社区党委、居委会、城管中队、物业公司、业委会、商户代表",
        )
        done = rules.add_resolution(
            past,
            text="12家餐馆安装油烟净化器",
            owner="黄河街道城管中队",
            due_date=day + dt.timedelta(days=30),
            proposal=fumes,
        )
        rules.follow_up(
            done,
            text="已有8家安装完毕。",
            status=ResolutionStatus.IN_PROGRESS,
            day=day + dt.timedelta(days=14),
        )
        rules.follow_up(
            done,
            text="12家全部安装并通过检查,居民回访满意。",
            status=ResolutionStatus.DONE,
            day=day + dt.timedelta(days=28),
        )
        rules.add_resolution(
            past,
            text="小区增设电动车集中充电桩",
            owner="物业公司",
            due_date=today + dt.timedelta(days=20),
            proposal=charging,
        )
        made += 1
    next_title = "居民议事会:停车与早餐摊(演示)"
    if not Roundtable.objects.filter(community=page, title=next_title).exists():
        day = today + dt.timedelta(days=12)
        upcoming = Roundtable.objects.create(
            title=next_title,
            starts_at=at(day, 9, 30),
            ends_at=at(day, 11, 30),
            state=MeetingState.AGENDA_OPEN,
            **{**common, "kind": MeetingKind.RESIDENTS_COUNCIL},
        )
        item = rules.propose(
            upcoming,
            topic="早餐摊占道经营",
            description="早高峰时段早餐摊占用人行道,建议设置便民疏导点。(演示)",
        )
        rules.accept(item, minutes_allotted=30)
        rules.propose(
            upcoming,
            topic="僵尸车占用车位",
            description="小区内长期停放的废弃车辆占用车位。(演示,待审核)",
        )
        made += 1
    return made


@transaction.atomic
def load(stdout_write: Callable[[str], None]) -> None:
    teams = ensure_teams()
    volunteers = ensure_volunteers(teams)
    meetings = ensure_roundtables()
    home_zh, home_en = home_pages()
    for home, title, description in (
        (home_zh, "志愿服务", "报名城管志愿者、银发协管员等队伍"),
        (home_en, "Volunteer", "Join a volunteer team in your community"),
    ):
        add_quick_link(
            home,
            {
                "title": title,
                "description": description,
                "icon": "volunteer",
                "page": None,
                "url": "/volunteer/",
            },
        )
    stdout_write(
        f"Volunteers: {len(teams)} teams, {volunteers} new volunteers, "
        f"{meetings} new roundtables "
        f"({AgendaProposal.objects.filter(status=ProposalStatus.ACCEPTED).count()} "
        f"agenda items, {Resolution.objects.count()} resolutions)."
    )
