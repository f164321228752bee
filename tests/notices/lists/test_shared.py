"""What both lists share (notices/lists/shared.py): no cache keeps a list past local
midnight, when items may come into force."""

from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine

from notices.lists.shared import limit_cache_to_today

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_no_cache_may_keep_a_list_past_local_midnight():
    from django.http import HttpResponse

    with time_machine.travel(datetime(2026, 3, 10, 23, 59, 30, tzinfo=SHANGHAI)):
        response = limit_cache_to_today(HttpResponse())
    assert response["Cache-Control"] == "max-age=30"
