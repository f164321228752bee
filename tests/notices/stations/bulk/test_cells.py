"""The structured cells of a station spreadsheet: hours, days and exceptions read in
digits, Chinese or English."""

from notices.stations.bulk.cells import parse_days, parse_exceptions, parse_hours


def test_hours_are_read_in_digits_chinese_or_english():
    expected = parse_hours("1-5 08:30-12:00,14:00-17:30")
    assert parse_hours("周一至周五 8:30-12:00,14:00-17:30") == expected
    assert parse_hours("Mon-Fri 08:30–12:00, 14:00–17:30") == expected
    assert len(expected) == 2 and expected[0][0] == (1, 2, 3, 4, 5)


def test_days_and_exceptions_are_read():
    assert parse_days("周二、周四") == [2, 4]
    assert parse_days("daily") == [1, 2, 3, 4, 5, 6, 7]
    (holiday,) = parse_exceptions("2026-10-01..2026-10-07 休息 国庆节")
    assert holiday[2] is True and holiday[5] == "国庆节"
    (short_day,) = parse_exceptions("2026-12-31 09:00-12:00 跨年")
    assert short_day[2] is False and short_day[3].hour == 9
