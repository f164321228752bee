"""Text formats of the structured cells (days, hours, exceptions, phones, choices,
coordinates): parsed for the import, written the same way by the export."""

import datetime as dt
import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from notices.stations.community import RestStopFacility
from notices.stations.staff import phone_validator
from portal.spreadsheets import (
    CellError,
    alias_table,
    text_key,
)
from portal.text import listing

TIME_RANGE = re.compile(r"(\d{1,2})[:：](\d{2})\s*[-–—~～至到]\s*(\d{1,2})[:：](\d{2})")
DATE = r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?"
EXCEPTION = re.compile(
    rf"^{DATE}(?:\s*(?:\.\.|~|～|至|到|–|—)\s*{DATE})?\s*(.*)$", re.DOTALL
)
CLOSED_WORDS = ("closed", "close", "休息", "闭站", "关闭", "不开放", "暂停")
DAY_WORDS = {
    "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "日": 7, "天": 7, "七": 7,
    "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6, "sun": 7,
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5,
    "saturday": 6, "sunday": 7,
}  # fmt: skip
ALL_DAYS = ("daily", "everyday", "每天", "每日", "全天", "全周")


def _time(hour: str, minute: str) -> dt.time:
    try:
        return dt.time(int(hour), int(minute))
    except ValueError as error:
        raise CellError(
            gettext("%(time)s is not a time of day.") % {"time": f"{hour}:{minute}"}
        ) from error


def _split(text: str, separators: str = r"[;；\n]") -> list[str]:
    return [part.strip() for part in re.split(separators, text or "") if part.strip()]


def _day_token(token: str) -> int:
    token = token.strip().lower()
    for prefix in ("星期", "礼拜", "周"):
        if token.startswith(prefix):
            token = token[len(prefix) :]
    if token.isdigit() and 1 <= int(token) <= 7:
        return int(token)
    if token in DAY_WORDS:
        return DAY_WORDS[token]
    raise CellError(gettext("'%(day)s' is not a weekday.") % {"day": token})


def parse_days(text: str) -> list[int]:
    """'1-5', '1,3,5', '周一至周五', '周二、周四', 'Mon-Fri', 'daily' → ISO weekdays."""
    text = (text or "").strip()
    if not text:
        return []
    if text.lower() in ALL_DAYS:
        return list(range(1, 8))
    days: set[int] = set()
    for part in re.split(r"[,，、/\s]+", text):
        if not part:
            continue
        ends = re.split(r"\s*(?:-|–|—|~|～|至|到)\s*", part)
        if len(ends) == 1:
            days.add(_day_token(ends[0]))
        elif len(ends) == 2:
            first, last = _day_token(ends[0]), _day_token(ends[1])
            if first > last:
                raise CellError(
                    gettext("'%(range)s' runs backwards.") % {"range": part}
                )
            days.update(range(first, last + 1))
        else:
            raise CellError(gettext("'%(day)s' is not a weekday.") % {"day": part})
    return sorted(days)


def format_days(days: Iterable[int]) -> str:
    return ",".join(str(day) for day in sorted(set(days)))


Shift = tuple[tuple[int, ...], dt.time, dt.time]


def parse_hours(text: str) -> list[Shift]:
    """'1-5 08:30-12:00, 14:00-17:30; 6 09:00-12:00' → shifts (days, opens, closes)."""
    shifts = []
    for part in _split(text):
        first = TIME_RANGE.search(part)
        if first is None:
            raise CellError(
                gettext("'%(part)s' has no hours such as 08:30-12:00.") % {"part": part}
            )
        days = parse_days(part[: first.start()].strip(" :："))
        if not days:
            raise CellError(
                gettext("'%(part)s' does not say which weekdays.") % {"part": part}
            )
        for match in TIME_RANGE.finditer(part, first.start()):
            opens, closes = _time(*match.groups()[:2]), _time(*match.groups()[2:])
            if opens >= closes:
                raise CellError(
                    gettext("In '%(part)s' a shift closes before it opens.")
                    % {"part": part}
                )
            shifts.append((tuple(days), opens, closes))
    return sorted(shifts)


def hours_from_page(stream) -> list[Shift]:
    return sorted(
        (
            tuple(sorted(int(day) for day in block.value["days"])),
            block.value["opens"],
            block.value["closes"],
        )
        for block in stream
    )


def format_hours(shifts: list[Shift]) -> str:
    groups: dict[tuple, list[str]] = {}
    for days, opens, closes in sorted(shifts):
        groups.setdefault(days, []).append(f"{opens:%H:%M}-{closes:%H:%M}")
    parts = []
    for days, ranges in groups.items():
        parts.append(f"{format_days(days)} {','.join(ranges)}")
    return "; ".join(parts)


Exception_ = tuple[dt.date, dt.date | None, bool, dt.time | None, dt.time | None, str]


def _date(year: str, month: str, day: str) -> dt.date:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError as error:
        raise CellError(
            gettext("%(date)s is not a date.") % {"date": f"{year}-{month}-{day}"}
        ) from error


def parse_exceptions(text: str) -> list[Exception_]:
    """'2026-10-01..2026-10-07 closed National Day; 2026-12-31 09:00-12:00'."""
    result = []
    for part in _split(text):
        match = EXCEPTION.match(part)
        if match is None:
            raise CellError(
                gettext("'%(part)s' does not start with a date such as 2026-10-01.")
                % {"part": part}
            )
        groups = match.groups()
        start = _date(*groups[0:3])
        end = _date(*groups[3:6]) if groups[3] else None
        if end is not None and end < start:
            raise CellError(
                gettext("'%(part)s' ends before it starts.") % {"part": part}
            )
        if end == start:
            end = None
        rest = groups[6].strip()
        hours = TIME_RANGE.match(rest)
        if hours:
            opens, closes = _time(*hours.groups()[:2]), _time(*hours.groups()[2:])
            if opens >= closes:
                raise CellError(
                    gettext("In '%(part)s' a shift closes before it opens.")
                    % {"part": part}
                )
            note = rest[hours.end() :].strip()
            result.append((start, end, False, opens, closes, note))
            continue
        word = next((w for w in CLOSED_WORDS if rest.lower().startswith(w)), None)
        if word is None:
            raise CellError(
                gettext("After the date in '%(part)s' write 'closed' or hours.")
                % {"part": part}
            )
        result.append((start, end, True, None, None, rest[len(word) :].strip()))
    return sorted(result, key=lambda item: item[0])


def exceptions_from_page(stream) -> list[Exception_]:
    return sorted(
        (
            (
                block.value["start_date"],
                block.value.get("end_date"),
                bool(block.value.get("closed")),
                None if block.value.get("closed") else block.value.get("opens"),
                None if block.value.get("closed") else block.value.get("closes"),
                block.value.get("note") or "",
            )
            for block in stream
        ),
        key=lambda item: item[0],
    )


def format_exceptions(exceptions: list[Exception_]) -> str:
    parts = []
    for start, end, closed, opens, closes, note in exceptions:
        text = start.isoformat() + (f"..{end.isoformat()}" if end else "")
        text += " closed" if closed else f" {opens:%H:%M}-{closes:%H:%M}"
        parts.append(f"{text} {note}".strip())
    return "; ".join(parts)


def parse_phones(text: str) -> list[tuple[str, str]]:
    """'Duty phone: 0516-12345678; Complaints: 12319' → [(label, number), …]."""
    phones = []
    for part in _split(text):
        match = re.match(r"^(.*?)[:：]\s*(.*)$", part)
        if match is None:
            raise CellError(
                gettext("Give each phone a label: 'Duty phone: 0516-12345678'.")
            )
        label, number = match.groups()
        label, number = label.strip(), number.strip()
        if not label or len(label) > 30:
            raise CellError(gettext("A phone label must have 1 to 30 characters."))
        try:
            phone_validator(number)
        except ValidationError as error:
            raise CellError(
                gettext("'%(number)s' is not a phone number.") % {"number": number}
            ) from error
        phones.append((label, number))
    return phones


def phones_from_page(stream) -> list[tuple[str, str]]:
    return [(block.value["label"], block.value["number"]) for block in stream]


def format_phones(phones: list[tuple[str, str]]) -> str:
    return "; ".join(f"{label}: {number}" for label, number in phones)


_CHOICE_LOOKUPS: dict[tuple, dict[str, str]] = {}


def _choice_lookup(choices) -> dict[str, str]:
    """Key, English or Chinese label (normalised) → key; built once per choice set."""
    cache_key = tuple(value for value, _label in choices)
    if cache_key not in _CHOICE_LOOKUPS:
        _CHOICE_LOOKUPS[cache_key] = alias_table(choices)
    return _CHOICE_LOOKUPS[cache_key]


def parse_choice(text: str, choices, what: str) -> str:
    value = _choice_lookup(choices).get(text_key(text))
    if value is None:
        raise CellError(
            gettext("'%(value)s' is not a known %(what)s. Use one of: %(options)s.")
            % {
                "value": text,
                "what": what,
                "options": listing(label for _value, label in choices),
            }
        )
    return value


def parse_facilities(text: str) -> list[str]:
    parts = [p for p in re.split(r"[,，、;；/\n]+", text or "") if p.strip()]
    keys = [
        parse_choice(part.strip(), RestStopFacility.choices, gettext("facility"))
        for part in parts
    ]
    return sorted(set(keys))


def format_facilities(keys: list[str]) -> str:
    labels = dict(RestStopFacility.choices)
    return listing(labels[key] for key in sorted(keys) if key in labels)


def parse_coordinate(text: str) -> Decimal | None:
    if not text:
        return None
    try:
        value = Decimal(text.strip()).quantize(Decimal("0.000001"))
    except InvalidOperation as error:
        raise CellError(
            gettext("'%(value)s' is not a number.") % {"value": text}
        ) from error
    return value
