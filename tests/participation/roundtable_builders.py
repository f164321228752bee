"""Builders for the roundtable tests: meetings, residents' proposals, the proposal
form's data, the staff's permissions."""

import time
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from participation.abuse import form_token
from participation.roundtables import proposals
from participation.roundtables.models import MeetingState, Roundtable

SHANGHAI = ZoneInfo("Asia/Shanghai")
PLANTED_NAME, PLANTED_PHONE = "欧阳晓禾", "13988887777"

RUNNING = (
    "view_roundtable",
    "add_roundtable",
    "change_roundtable",
    "change_agendaproposal",
)


def meeting(community, days=10, state=MeetingState.AGENDA_OPEN, **fields):
    start = (timezone.now() + timedelta(days=days)).astimezone(SHANGHAI)
    start = start.replace(hour=14, minute=30, second=0, microsecond=0)
    values = {
        "title": "十月圆桌会",
        "starts_at": start,
        "ends_at": start + timedelta(hours=2),
        "place": "党群服务中心二楼",
        "convenor": "社区党委",
        "state": state,
        **fields,
    }
    return Roundtable.objects.create(community=community, **values)


def proposal_data(**overrides) -> dict:
    return {
        "topic": "餐馆油烟扰民",
        "description": "人民路12家餐馆油烟直排。",
        "contact_name": "",
        "contact_phone": "",
        "website": "",
        "form_token": form_token(issued_at=time.time() - 60),
        **overrides,
    }


def propose(target, topic="餐馆油烟扰民", **kwargs):
    return proposals.propose(target, topic=topic, description="油烟直排。", **kwargs)
