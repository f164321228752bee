"""The duty list's rows checked as a whole (notices/lists/duty_rows.py)."""

from datetime import date

from notices.lists.duty_rows import validate_duty_list


def test_bad_duty_lists_are_rejected_with_clear_errors():
    errors = validate_duty_list(
        [{"code": "SR", "name": "市容秩序"}],
        [
            {
                "code": "A-1",
                "category": "SR",
                "title": "t",
                "handling_class": "immediate",
                "department": "d",
            },
            {
                "code": "A-1",
                "category": "XX",
                "title": "t",
                "handling_class": "immediate",
                "department": "d",
                "effective_from": date(2026, 5, 1),
                "valid_until": date(2026, 4, 1),
            },
        ],
    )
    problems = {(error.row, error.field) for error in errors}
    assert problems == {(2, "code"), (2, "category"), (2, "valid_until")}
    assert any("XX" in error.message for error in errors)
