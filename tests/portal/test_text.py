"""portal/text.py: translated pieces joined with the reader's own punctuation."""

from collections import Counter

from django.utils import translation

from notices.stations.bulk.columns import ImportReport
from notices.stations.hours import day_range_label
from portal.text import clauses, listing


def test_chinese_lists_take_the_enumeration_comma_and_clauses_the_wide_semicolon():
    with translation.override("zh-hans"):
        assert listing(["EH-01", "SR-01", "CA-02"]) == "EH-01、SR-01、CA-02"
        assert clauses(["区县：新增 1", "社区：新增 2"]) == "区县：新增 1；社区：新增 2"


def test_english_keeps_comma_and_semicolon_with_a_space():
    with translation.override("en"):
        assert listing(["EH-01", "SR-01"]) == "EH-01, SR-01"
        assert clauses(["districts: 1 new", "communities: 2 new"]) == (
            "districts: 1 new; communities: 2 new"
        )


def test_the_station_import_summary_reads_as_chinese_with_no_english_marks():
    report = ImportReport(dry_run=False, created=Counter(district=1, community=2))
    with translation.override("zh-hans"):
        summary = report.summary()
    assert summary.startswith("导入完成。")
    assert summary.endswith("。")
    assert "；" in summary
    assert not any(mark in summary for mark in (";", ". ", ": ", ", "))


def test_office_days_in_chinese_are_listed_with_the_enumeration_comma():
    with translation.override("zh-hans"):
        label = day_range_label([1, 3])
    assert "、" in label
    assert "," not in label
