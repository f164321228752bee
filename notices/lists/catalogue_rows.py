"""The catalogue's rows checked as a whole, and the kinds of item a row may name: the
same rules for the admin form, the model and the spreadsheet import, each problem
named by collection, row and field."""

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from notices.lists.shared import RowError
from portal.text import listing


class LenientType(models.TextChoices):
    NO_FINE_FIRST = "no_fine_first", _("No fine for a first violation")
    MINOR_EXEMPT = "minor_exempt", _("Minor violation, no penalty")
    SERVICE_IN_LIEU = "service_in_lieu", _("Public service instead of a fine")
    FAST_MINOR = "fast_minor", _("Fast handling of a small fine")


BATCH_FIELDS = (
    "code",
    "title",
    "document_title",
    "document_number",
    "issued_on",
    "effective_from",
)
CATEGORY_FIELDS = ("code", "name")
LAW_FIELDS = ("name", "repealed_on", "replaced_by")
ITEM_FIELDS = (
    "number",
    "batch",
    "category",
    "violation",
    "law",
    "article",
    "conditions",
    "correction_days",
    "measure",
    "kind",
    "scope",
    "effective_from",
    "valid_until",
    "repealed_on",
    "repeal_note",
)


def law_key(name: str) -> str:
    """A law's name with or without its 《》 and spaces is the same law."""
    return "".join(name.split()).strip("《》<>").casefold()


def _unique_codes(
    rows: list[dict], collection: str, field: str, errors: list[RowError]
) -> dict[str, int]:
    seen: dict[str, int] = {}
    for row_number, row in enumerate(rows, start=1):
        value = (row.get(field) or "").strip()
        if not value:
            errors.append(RowError(collection, row_number, field, gettext("Required.")))
        elif value in seen:
            errors.append(
                RowError(
                    collection,
                    row_number,
                    field,
                    gettext("%(value)s is used twice (rows %(a)d and %(b)d).")
                    % {"value": value, "a": seen[value], "b": row_number},
                )
            )
        else:
            seen[value] = row_number
    return seen


def validate_catalogue(
    batches: list[dict],
    categories: list[dict],
    repealed_laws: list[dict],
    items: list[dict],
) -> list[RowError]:
    """Every problem in a catalogue, row by row (rows counted from 1)."""
    errors: list[RowError] = []
    batch_codes = _unique_codes(batches, "batches", "code", errors)
    for row_number, batch in enumerate(batches, start=1):
        for field in ("title", "document_title", "effective_from"):
            if not batch.get(field):
                errors.append(
                    RowError("batches", row_number, field, gettext("Required."))
                )
    category_codes = _unique_codes(categories, "categories", "code", errors)
    repealed = {}
    for row_number, law in enumerate(repealed_laws, start=1):
        for field in ("name", "repealed_on"):
            if not law.get(field):
                errors.append(
                    RowError("repealed_laws", row_number, field, gettext("Required."))
                )
        if law.get("name") and law.get("repealed_on"):
            repealed[law_key(law["name"])] = law
    batch_dates = {
        batch["code"]: batch.get("effective_from")
        for batch in batches
        if batch.get("code")
    }
    _unique_codes(items, "items", "number", errors)
    for row_number, item in enumerate(items, start=1):

        def error(field: str, message: str, row_number: int = row_number) -> None:
            errors.append(RowError("items", row_number, field, message))

        for field in (
            "batch",
            "category",
            "violation",
            "law",
            "article",
            "conditions",
            "measure",
            "kind",
        ):
            if not item.get(field):
                error(field, gettext("Required."))
        if item.get("batch") and item["batch"] not in batch_codes:
            error(
                "batch",
                gettext("Unknown batch %(code)s; known: %(known)s.")
                % {"code": item["batch"], "known": listing(batch_codes) or "-"},
            )
        if item.get("category") and item["category"] not in category_codes:
            error(
                "category",
                gettext("Unknown category %(code)s; known: %(known)s.")
                % {"code": item["category"], "known": listing(category_codes) or "-"},
            )
        if item.get("kind") and item["kind"] not in LenientType.values:
            error("kind", gettext("Unknown type %(value)s.") % {"value": item["kind"]})
        start = item.get("effective_from") or batch_dates.get(item.get("batch"))
        end, gone = item.get("valid_until"), item.get("repealed_on")
        if start and end and end < start:
            error(
                "valid_until",
                gettext(
                    "The last day in force (%(end)s) is before the first (%(start)s)."
                )
                % {"end": end, "start": start},
            )
        if start and gone and gone < start:
            error(
                "repealed_on",
                gettext("Repealed (%(end)s) before it took effect (%(start)s).")
                % {"end": gone, "start": start},
            )
        if item.get("repeal_note") and not gone:
            error("repealed_on", gettext("Give the date the item was repealed."))
        law = repealed.get(law_key(item.get("law") or ""))
        if law and (gone is None or gone > law["repealed_on"]):
            message = gettext(
                "%(law)s was repealed on %(date)s: cite the law in force, or repeal "
                "this item by that date."
            ) % {"law": law["name"], "date": law["repealed_on"]}
            if law.get("replaced_by"):
                message += " " + gettext("It was replaced by %(new)s.") % {
                    "new": law["replaced_by"]
                }
            error("law", message)
    return errors
