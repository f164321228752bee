"""What every step of the station import and export shares: the sheets, their columns
(labelled in both languages), the size limits, and the report an editor reads."""

from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.spreadsheets import (
    RowError,
    alias_table,
)
from portal.text import clauses

MAX_SPREADSHEET_BYTES = 20 * 1024 * 1024
MAX_ROWS = 20_000
MAX_PHOTO_BYTES = 5 * 1024 * 1024
MAX_PHOTO_PIXELS = 40_000_000
PHOTO_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}

# Columns

COMMUNITIES, STAFF, ASSIGNMENTS = "communities", "staff", "assignments"
SHEET_LABELS = {
    COMMUNITIES: _("Communities"),
    STAFF: _("Staff"),
    ASSIGNMENTS: _("Assignments"),
}


@dataclass(frozen=True)
class Column:
    key: str
    label: object  # lazy, translated
    required: bool = False
    max_length: int | None = None


COLUMNS: dict[str, list[Column]] = {
    COMMUNITIES: [
        Column("district", _("District"), True, 255),
        Column("subdistrict", _("Subdistrict"), True, 255),
        Column("community", _("Community"), True, 255),
        Column("station_name", _("Station name"), max_length=120),
        Column("address", _("Address"), max_length=200),
        Column("latitude", _("Latitude")),
        Column("longitude", _("Longitude")),
        Column("office_hours", _("Office hours")),
        Column("hours_exceptions", _("Exceptions")),
        Column("service_phones", _("Service phones")),
        Column("households_served", _("Households served")),
        Column("team_model", _("Team model"), max_length=40),
        Column("fixed_days", _("Fixed days")),
        Column("fixed_days_note", _("About the fixed days"), max_length=120),
        Column("duty_summary", _("Duty summary"), max_length=300),
        Column("bureau_leader", _("Linked bureau leader (staff code)")),
        Column("rest_stop_facilities", _("Rest stop facilities")),
        Column("rest_stop_note", _("About the rest stop"), max_length=120),
    ],
    STAFF: [
        Column("code", _("Staff code"), True, 32),
        Column("name", _("Name"), True, 60),
        Column("role", _("Role"), True),
        Column("unit", _("Unit"), max_length=80),
        Column("work_phone", _("Public work phone"), max_length=24),
        Column("duties", _("Duties"), max_length=400),
        Column("photo", _("Photo")),
    ],
    ASSIGNMENTS: [
        Column("staff_code", _("Staff code"), True),
        Column("district", _("District"), True),
        Column("subdistrict", _("Subdistrict"), True),
        Column("community", _("Community"), True),
        Column("mode", _("How they serve"), True),
        Column("days", _("Days")),
    ],
}
# Community columns taken as they are written: plain text, nothing to parse.
TEXT_COLUMNS = (
    "station_name",
    "address",
    "team_model",
    "fixed_days_note",
    "duty_summary",
    "rest_stop_note",
)


def header_aliases(kind: str) -> dict[str, str]:
    """Header text (normalised) → column key, for every language and the raw key."""
    return alias_table((column.key, column.label) for column in COLUMNS[kind])


# Reports


@dataclass
class ImportReport:
    dry_run: bool = True
    errors: list[RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return bool(sum(self.created.values()) + sum(self.updated.values()))

    def summary(self) -> str:
        parts = []
        for kind, label in (
            ("district", gettext("districts")),
            ("subdistrict", gettext("subdistricts")),
            ("community", gettext("communities")),
            ("staff", gettext("staff")),
        ):
            parts.append(
                gettext(
                    "%(label)s: %(created)d new, %(updated)d changed, %(same)d same"
                )
                % {
                    "label": label,
                    "created": self.created[kind],
                    "updated": self.updated[kind],
                    "same": self.unchanged[kind],
                }
            )
        prefix = (
            gettext("Checked, nothing written.")
            if self.dry_run
            else gettext("Imported.")
        )
        return gettext("%(outcome)s %(counts)s.") % {
            "outcome": prefix,
            "counts": clauses(parts),
        }
