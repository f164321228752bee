"""Office hours: whether a station is open, in Shanghai time."""

import datetime as dt

from notices.models import CommunityPage
from notices.stations.hours import opening_status


def test_opening_status_uses_shanghai_time_whatever_the_server_clock():
    page = CommunityPage(
        office_hours=[
            (
                "shift",
                {"days": ["1"], "opens": dt.time(8, 30), "closes": dt.time(12, 0)},
            ),
            (
                "shift",
                {"days": ["1"], "opens": dt.time(14, 0), "closes": dt.time(17, 30)},
            ),
        ]
    )
    utc = dt.UTC
    # 01:00 UTC on a Monday is 09:00 in Shanghai: open until 12:00.
    status = opening_status(
        page.office_hours, [], dt.datetime(2026, 11, 23, 1, 0, tzinfo=utc)
    )
    assert status.is_open and status.closes_at == dt.time(12, 0)
    # 04:30 UTC is 12:30 in Shanghai: closed, opens again at 14:00.
    status = opening_status(
        page.office_hours, [], dt.datetime(2026, 11, 23, 4, 30, tzinfo=utc)
    )
    assert not status.is_open and status.opens_at == dt.time(14, 0)
    # 17:30 sharp is closed.
    status = opening_status(
        page.office_hours, [], dt.datetime(2026, 11, 23, 9, 30, tzinfo=utc)
    )
    assert not status.is_open and status.closed_all_day is False
