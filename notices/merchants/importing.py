"""Importing shops into the merchant register from an XLSX workbook (the house
pattern of the station and list imports, portal/spreadsheets.py): the first sheet,
headed by the field names in English or Chinese, one shop a row. Every row is
checked first: a bad licence number, an unknown community (or one the user does not
work for), a licence number twice in the file or already in the register, a missing
or wrong value; each problem is reported by row and column and nothing is saved
unless the whole workbook is valid."""

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from notices.merchants.models import Merchant, Trade
from notices.stations.assignments import communities_for
from portal.spreadsheets import (
    ImportFileError,
    RowError,
    alias_table,
    check_row_count,
    open_xlsx,
    text_key,
)

MAX_ROWS = 5000
MAX_BYTES = 5 * 1024 * 1024

COLUMNS = {
    "name": _("shop name"),
    "licence_number": _("unified social credit code"),
    "trade": _("trade"),
    "community": _("community"),
    "address": _("address"),
    "latitude": _("latitude"),
    "longitude": _("longitude"),
    "frontage_duty": _("shop-front duty area"),
    "pledge_signed_on": _("pledge signed on"),
    "contact_name": _("contact person"),
    "contact_phone": _("contact phone"),
}
REQUIRED = (
    "name",
    "licence_number",
    "trade",
    "community",
    "address",
    "frontage_duty",
    "contact_name",
    "contact_phone",
)


@dataclass
class ImportResult:
    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    dry_run: bool = False

    def summary(self) -> str:
        if self.errors:
            return gettext("Problems found: %(count)d. Nothing was imported.") % {
                "count": len(self.errors)
            }
        if self.dry_run:
            return gettext("Shops checked: %(count)d, no problems.") % {
                "count": self.created
            }
        return gettext("Shops imported: %(count)d.") % {"count": self.created}


def as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def import_merchants(data: bytes, user, dry_run: bool = False) -> ImportResult:
    """Check every row, then create every shop, or nothing."""
    result = ImportResult(dry_run=dry_run)
    if len(data) > MAX_BYTES:
        raise ImportFileError(gettext("The file is larger than 5 MB."))
    communities = {
        text_key(page.title): page
        for page in communities_for(user).filter(locale=Locale.get_default())
    }
    trades = alias_table(Trade.choices)
    headers = alias_table(COLUMNS.items())
    shops: list[Merchant] = []
    with open_xlsx(data) as sheets:
        if not sheets:
            raise ImportFileError(gettext("The workbook has no sheet."))
        sheet = sheets[0]
        rows = list(sheet.iter_rows(values_only=True))
        check_row_count(sheet.title, len(rows), MAX_ROWS)
    if not rows:
        raise ImportFileError(gettext("The first sheet is empty."))
    names = [headers.get(text_key(cell)) for cell in rows[0]]
    missing = [key for key in REQUIRED if key not in names]
    for key in missing:
        result.errors.append(
            RowError(
                sheet.title, None, str(COLUMNS[key]), gettext("This column is missing.")
            )
        )
    if missing:
        return result
    seen: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        values = {
            name: as_text(cell) for name, cell in zip(names, row, strict=False) if name
        }
        if not any(values.values()):
            continue
        shop, problems = read_row(values, communities, trades)
        for column, message in problems:
            result.errors.append(
                RowError(sheet.title, number, str(COLUMNS[column]), message)
            )
        if shop is None:
            continue
        code = shop.licence_number
        if code in seen:
            result.errors.append(
                RowError(
                    sheet.title,
                    number,
                    str(COLUMNS["licence_number"]),
                    gettext("This code is also on row %(row)d.") % {"row": seen[code]},
                )
            )
        seen.setdefault(code, number)
        shops.append(shop)
    registered = set(
        Merchant.objects.filter(licence_number__in=seen).values_list(
            "licence_number", flat=True
        )
    )
    for code in registered:
        result.errors.append(
            RowError(
                sheet.title,
                seen[code],
                str(COLUMNS["licence_number"]),
                gettext("A shop with this code is already in the register."),
            )
        )
    result.errors.sort(key=lambda error: (error.row or 0, error.column))
    result.created = len(shops)
    if result.errors or dry_run:
        return result
    with transaction.atomic():
        Merchant.objects.bulk_create(shops)
    return result


def read_row(values: dict, communities: dict, trades: dict):
    """A shop from one row, or None, with the problems found."""
    problems = []
    for key in REQUIRED:
        if not values.get(key):
            problems.append((key, gettext("This cell is empty.")))
    community = communities.get(text_key(values.get("community")))
    if values.get("community") and community is None:
        problems.append(
            (
                "community",
                gettext(
                    "No community of yours is called “%(name)s”: use the name as in "
                    "the station directory."
                )
                % {"name": values["community"]},
            )
        )
    trade = trades.get(text_key(values.get("trade")))
    if values.get("trade") and trade is None:
        problems.append(("trade", gettext("Not one of the trades in the register.")))
    if problems:
        return None, problems
    shop = Merchant(
        name=values["name"],
        licence_number=values["licence_number"],
        trade=trade,
        community=community,
        address=values["address"],
        latitude=values.get("latitude") or None,
        longitude=values.get("longitude") or None,
        frontage_duty=values["frontage_duty"],
        pledge_signed_on=values.get("pledge_signed_on") or None,
        contact_name=values["contact_name"],
        contact_phone=values["contact_phone"],
    )
    try:
        shop.full_clean(validate_unique=False)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            column = name if name in COLUMNS else "latitude"
            problems.extend((column, message) for message in messages)
    return (None if problems else shop), problems
