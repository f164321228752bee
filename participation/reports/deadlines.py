"""What a report's deadlines mean to the resident and to staff: the promised reply
told in words when the station was closed as the report came in ("将在明天 08:30 后
30 分钟内回复"), and which promise is late (the reply, the completion, or both).

The deadlines themselves are counted once, when the report is stored
(`participation.reports.submitting.set_deadlines`, the duty list's
`PromisedTime.deadline`).
"""

from datetime import date, datetime

from django.utils import formats, timezone
from django.utils.translation import gettext

from participation.reports.categories import find_item
from participation.reports.models import Report


def day_in_words(day: date, today: date) -> str:
    if day == today:
        return gettext("today")
    if (day - today).days == 1:
        return gettext("tomorrow")
    return gettext("on %(weekday)s, %(date)s") % {
        "weekday": formats.date_format(day, "l"),
        "date": formats.date_format(day, "MONTH_DAY_FORMAT"),
    }


def deferred_reply(report: Report, now: datetime | None = None) -> str:
    """ "We will reply within 30 minutes after the station opens at 08:30 tomorrow"
    for a report received while its station was closed and not yet answered nor
    late, in the active language; "" otherwise."""
    now = now or timezone.now()
    if report.first_response_at or not report.response_due or not report.is_open:
        return ""
    if report.response_due <= now:
        return ""
    community = report.community
    item = find_item(report.category_code)
    promise = item.promised_response if item else None
    if community is None or promise is None or not promise.counts_service_hours:
        return ""
    opening = promise.clock_start(report.created_at, community.service_hours())
    if opening <= report.created_at:
        return ""
    local = timezone.localtime(opening)
    today = timezone.localdate(now)
    return gettext(
        "The station was closed when your report came in: we will reply %(promise)s "
        "after it opens at %(time)s %(day)s."
    ) % {
        "promise": promise,
        "time": f"{local:%H:%M}",
        "day": day_in_words(local.date(), today),
    }


def lateness(report: Report, now: datetime | None = None) -> list[str]:
    """Which promises an open report has broken, in words for the queue."""
    late = []
    if report.is_response_overdue(now):
        late.append(gettext("reply late"))
    if report.is_completion_overdue(now):
        late.append(gettext("completion late"))
    return late
