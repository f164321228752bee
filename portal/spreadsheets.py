"""Reading spreadsheets that editors upload (the station directory, the duty list and
the lenient catalogue): opening a workbook, recognising headers and choices by their
key or their label in any of the site's languages, and reporting problems by sheet,
row and column.
"""

import io
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext


class ImportFileError(Exception):
    """The file as a whole cannot be used (wrong format or encoding, too large, no
    known sheet); the message is shown to the editor."""


class CellError(ValueError):
    """A cell's value cannot be understood; the message is shown to the editor."""


@dataclass
class RowError:
    """One problem in an uploaded file, where the editor can find it."""

    sheet: str
    row: int | None  # None: the sheet as a whole
    column: str
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return gettext("%(sheet)s: %(message)s") % {
                "sheet": self.sheet,
                "message": self.message,
            }
        return gettext("%(sheet)s, row %(row)d, column %(column)s: %(message)s") % {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


def text_key(text: object) -> str:
    """Header or choice text as compared: no spaces, brackets, colons or the star
    that marks a required column, case folded."""
    return re.sub(r"[\s_()（）:：*]+", "", str(text or "")).casefold()


def in_every_language(label: object) -> set[str]:
    """The keys of a (lazily translated) label in each of the site's languages."""
    names = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            names.add(text_key(str(label)))
    return names


def alias_table(pairs: Iterable[tuple[str, object]]) -> dict[str, str]:
    """(key, label) pairs as a lookup from the key or any translation of the label
    (as `text_key` compares them) to the key."""
    aliases = {}
    for key, label in pairs:
        aliases[text_key(key)] = key
        for name in in_every_language(label):
            aliases[name] = key
    return aliases


@contextmanager
def open_xlsx(data: bytes) -> Iterator[list]:
    """The worksheets of an XLSX workbook (read-only, values not formulas), closed
    when the block ends; ImportFileError when the bytes are not a workbook."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise ImportFileError(
            gettext("This is not a readable XLSX workbook.")
        ) from error
    try:
        yield workbook.worksheets
    finally:
        workbook.close()


def check_row_count(sheet: str, rows: int, most: int) -> None:
    """ImportFileError once a sheet has more rows than an import takes."""
    if rows > most:
        raise ImportFileError(
            gettext("The sheet %(sheet)s has more than %(max)d rows.")
            % {"sheet": sheet, "max": most}
        )
