# ruff: noqa: E501  (bilingual demo prose, like */demo.py in pyproject.toml)
"""Demo volunteer teams and volunteers (all fictional, marked as demo).

Idempotent: teams are found by name, volunteers by reference. Figures follow the
programme's documents (points exchanged for property-fee discounts).
"""

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from home.demo import add_quick_links, home_pages
from notices.models import CommunityPage
from participation.submissions import hash_token
from participation.volunteers.models import (
    AgeBracket,
    ServiceEntry,
    SignUpStatus,
    TeamKind,
    VolunteerSignUp,
    VolunteerTeam,
)
from portal.demo import locales, translate_snippet

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
            "description": "协助劝导占道经营、文明宣传、垃圾分类指导，每月服务不少于4小时。（演示数据）",
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
            "description": "退休居民在家门口巡查楼道堆物、飞线充电，及时向工作站反映。（演示数据）",
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
            "description": "沿街商户落实门前三包，互相提醒不出店经营。（演示数据）",
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
            "description": "监督城管执法和服务，参加开放日和评议，提出改进建议。（演示数据）",
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
            "description": "企业、物业和社会组织与城管共建共治，认领街区微治理项目。（演示数据）",
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
        "王秀英（演示）",
        "13900000101",
        "银发协管员",
        "黄河社区",
        "3",
        30,
        True,
    ),
    (
        "VDEMO002",
        "李建国（演示）",
        "13900000102",
        "城管志愿者",
        "黄河社区",
        "6.5",
        65,
        True,
    ),
    (
        "VDEMO003",
        "张海燕（演示）",
        "13900000103",
        "商户志愿者",
        "光明社区",
        "2",
        20,
        False,
    ),
    (
        "VDEMO004",
        "刘志强（演示）",
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
            translate_snippet(team, en, **text_en)
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
            decision_reason="欢迎加入！（演示数据）",
        )
        ServiceEntry.objects.create(
            signup=signup,
            activity="文明劝导和垃圾分类宣传（演示）",
            date=today - dt.timedelta(days=7),
            hours=Decimal(hours),
            points=points,
        )
        made += 1
    return made


@transaction.atomic
def load(stdout_write: Callable[[str], None]) -> None:
    teams = ensure_teams()
    volunteers = ensure_volunteers(teams)
    home_zh, home_en = home_pages()
    add_quick_links(
        (home_zh, home_en),
        "/volunteer/",
        "volunteer",
        ("志愿服务", "报名城管志愿者、银发协管员等队伍"),
        ("Volunteer", "Join a volunteer team in your community"),
    )
    stdout_write(f"Volunteers: {len(teams)} teams, {volunteers} new volunteers.")
