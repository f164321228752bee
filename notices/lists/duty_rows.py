"""The duty list's rows checked as a whole: the same rules for the admin form, the
model and the spreadsheet import, each problem named by collection, row and field."""

from django.utils.translation import gettext

from notices.lists.promises import TimeUnit
from notices.lists.shared import RowError
from portal.text import listing

CATEGORY_FIELDS = ("code", "name", "description")
ITEM_FIELDS = (
    "code",
    "category",
    "title",
    "service",
    "handling_class",
    "response_amount",
    "response_unit",
    "completion_amount",
    "completion_unit",
    "department",
    "legal_basis",
    "handler_role",
    "effective_from",
    "valid_until",
)


def promise_errors(row: dict) -> dict[str, str]:
    errors = {}
    for prefix in ("response", "completion"):
        amount, unit = row.get(f"{prefix}_amount"), row.get(f"{prefix}_unit")
        if unit and unit != TimeUnit.SAME_DAY and not amount:
            errors[f"{prefix}_amount"] = gettext("Give the number of %(unit)s.") % {
                "unit": TimeUnit(unit).label
            }
        if amount and not unit:
            errors[f"{prefix}_unit"] = gettext("Choose a unit for this time.")
    return errors


def validate_duty_list(categories: list[dict], items: list[dict]) -> list[RowError]:
    """Every problem in a duty list, row by row (rows counted from 1)."""
    errors: list[RowError] = []
    codes: dict[str, int] = {}
    for row_number, category in enumerate(categories, start=1):
        code = (category.get("code") or "").strip()
        if not code:
            errors.append(
                RowError("categories", row_number, "code", gettext("Required."))
            )
        elif code in codes:
            errors.append(
                RowError(
                    "categories",
                    row_number,
                    "code",
                    gettext(
                        "Category code %(code)s is used twice (rows %(a)d and %(b)d)."
                    )
                    % {"code": code, "a": codes[code], "b": row_number},
                )
            )
        else:
            codes[code] = row_number
        if not (category.get("name") or "").strip():
            errors.append(
                RowError("categories", row_number, "name", gettext("Required."))
            )
    seen: dict[str, int] = {}
    for row_number, item in enumerate(items, start=1):
        for field in ("code", "category", "title", "handling_class", "department"):
            if not item.get(field):
                errors.append(
                    RowError("items", row_number, field, gettext("Required."))
                )
        code = item.get("code") or ""
        if code and code in seen:
            errors.append(
                RowError(
                    "items",
                    row_number,
                    "code",
                    gettext("Item code %(code)s is used twice (rows %(a)d and %(b)d).")
                    % {"code": code, "a": seen[code], "b": row_number},
                )
            )
        elif code:
            seen[code] = row_number
        category = item.get("category")
        if category and category not in codes:
            errors.append(
                RowError(
                    "items",
                    row_number,
                    "category",
                    gettext("Unknown category %(code)s; known: %(known)s.")
                    % {"code": category, "known": listing(codes) or "-"},
                )
            )
        start, end = item.get("effective_from"), item.get("valid_until")
        if start and end and end < start:
            errors.append(
                RowError(
                    "items",
                    row_number,
                    "valid_until",
                    gettext(
                        "The last day in force (%(end)s) is before the first "
                        "(%(start)s)."
                    )
                    % {"end": end, "start": start},
                )
            )
        for field, message in promise_errors(item).items():
            errors.append(RowError("items", row_number, field, message))
    return errors
