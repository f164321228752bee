# ruff: noqa: E501  (bilingual demo prose, like */demo.py in pyproject.toml)
"""Demo roundtables (all fictional, marked as demo): a past meeting whose minutes and
resolutions are published (12 restaurants' cooking fumes settled with purifiers, as
in the programme's documents) and an upcoming one with its agenda open.

Idempotent: meetings are found by title and community.
"""

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from notices.models import CommunityPage
from participation.roundtables.meetings import advance, publish_minutes
from participation.roundtables.models import (
    AgendaProposal,
    MeetingKind,
    MeetingState,
    ProposalStatus,
    Resolution,
    ResolutionStatus,
    Roundtable,
)
from participation.roundtables.proposals import accept, propose
from participation.roundtables.resolutions import add_resolution, follow_up
from portal.demo import locales

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=SHANGHAI)


def ensure_roundtables() -> int:
    zh, _en = locales()
    page = CommunityPage.objects.filter(locale=zh, title="黄河社区").first()
    if page is None:
        return 0
    today = timezone.localdate()
    common = {
        "community": page,
        "kind": MeetingKind.ROUNDTABLE,
        "place": "黄河社区党群服务中心二楼会议室（演示）",
        "convenor": "黄河社区党委",
    }
    made = 0
    past_title = "城管议事圆桌会：餐饮油烟问题（演示）"
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
        fumes = propose(
            past,
            topic="沿街餐馆油烟扰民",
            description="人民路12家餐馆油烟直排，楼上住户无法开窗。（演示）",
        )
        charging = propose(
            past,
            topic="楼道飞线充电",
            description="3号楼电动车充电线从窗口拉下，存在安全隐患。（演示）",
        )
        fumes = accept(fumes, minutes_allotted=40)
        charging = accept(charging, minutes_allotted=20)
        for state in (MeetingState.AGENDA_CLOSED, MeetingState.HELD):
            advance(past, state)
        publish_minutes(
            past,
            summary="与会各方同意:12家餐馆一个月内安装油烟净化器，城管中队跟踪检查；"
            "物业在小区增设集中充电桩。（演示数据）",
            attendance_count=26,
            organisations="社区党委、居委会、城管中队、物业公司、业委会、商户代表",
        )
        done = add_resolution(
            past,
            text="12家餐馆安装油烟净化器",
            owner="黄河街道城管中队",
            due_date=day + dt.timedelta(days=30),
            proposal=fumes,
        )
        follow_up(
            done,
            text="已有8家安装完毕。",
            status=ResolutionStatus.IN_PROGRESS,
            day=day + dt.timedelta(days=14),
        )
        follow_up(
            done,
            text="12家全部安装并通过检查，居民回访满意。",
            status=ResolutionStatus.DONE,
            day=day + dt.timedelta(days=28),
        )
        add_resolution(
            past,
            text="小区增设电动车集中充电桩",
            owner="物业公司",
            due_date=today + dt.timedelta(days=20),
            proposal=charging,
        )
        made += 1
    next_title = "居民议事会：停车与早餐摊（演示）"
    if not Roundtable.objects.filter(community=page, title=next_title).exists():
        day = today + dt.timedelta(days=12)
        upcoming = Roundtable.objects.create(
            title=next_title,
            starts_at=at(day, 9, 30),
            ends_at=at(day, 11, 30),
            state=MeetingState.AGENDA_OPEN,
            **{**common, "kind": MeetingKind.RESIDENTS_COUNCIL},
        )
        item = propose(
            upcoming,
            topic="早餐摊占道经营",
            description="早高峰时段早餐摊占用人行道，建议设置便民疏导点。（演示）",
        )
        accept(item, minutes_allotted=30)
        propose(
            upcoming,
            topic="僵尸车占用车位",
            description="小区内长期停放的废弃车辆占用车位。（演示，待审核）",
        )
        made += 1
    return made


@transaction.atomic
def load(stdout_write: Callable[[str], None]) -> None:
    meetings = ensure_roundtables()
    stdout_write(
        f"Roundtables: {meetings} new "
        f"({AgendaProposal.objects.filter(status=ProposalStatus.ACCEPTED).count()} "
        f"agenda items, {Resolution.objects.count()} resolutions)."
    )
