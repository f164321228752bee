"""XLSX import of the duty list and the lenient catalogue, with the station import's
rules:

- every row is checked first, and each problem is reported with its sheet, row number,
  column and reason, in the editor's language;
- nothing is written unless the whole workbook is valid (one transaction);
- a dry run checks and reports, and writes nothing.

A workbook has one sheet per part of the list (duty list: categories, items; catalogue:
batches, categories, laws no longer in force, items). Sheets and columns are recognised
by their names in English or Chinese, or by the field's key; unknown columns are listed
and ignored. Rows are matched to the list's existing rows by their code or number, so
an import keeps every row's identity (and its translations) and the "what changed"
page shows what the import changed.

The import saves a new draft revision. The duty list may be published at once; the
catalogue is only ever submitted to its legal review, never published directly.
"""

import datetime as dt
import io
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.db import models, transaction
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Page

from notices.lists import RowError as ListRowError
from notices.models import catalogue, duties

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 5_000


class ImportFileError(Exception):
    """The workbook as a whole cannot be used."""


@dataclass(frozen=True)
class Part:
    """One sheet: a child relation of the page, its row model, key and columns."""

    relation: str
    model: type[models.Model]
    key: str
    fields: tuple[str, ...]


PARTS: dict[type[Page], tuple[Part, ...]] = {
    duties.DutyListPage: (
        Part("categories", duties.DutyCategory, "code", duties.CATEGORY_FIELDS),
        Part("items", duties.DutyItem, "code", duties.ITEM_FIELDS),
    ),
    catalogue.LenientCataloguePage: (
        Part("batches", catalogue.CatalogueBatch, "code", catalogue.BATCH_FIELDS),
        Part(
            "categories", catalogue.CatalogueCategory, "code", catalogue.CATEGORY_FIELDS
        ),
        Part("repealed_laws", catalogue.RepealedLaw, "name", catalogue.LAW_FIELDS),
        Part("items", catalogue.LenientItem, "number", catalogue.ITEM_FIELDS),
    ),
}
VALIDATORS = {
    duties.DutyListPage: duties.validate_duty_list,
    catalogue.LenientCataloguePage: catalogue.validate_catalogue,
}


@dataclass
class ImportError_:
    sheet: str
    row: int | None
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


@dataclass
class ImportResult:
    dry_run: bool
    errors: list[ImportError_] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    revision: object = None
    published: bool = False
    submitted: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        counts = ", ".join(f"{name} {count}" for name, count in self.counts.items())
        if self.errors:
            return gettext("%(count)d problems found; nothing was written.") % {
                "count": len(self.errors)
            }
        if self.dry_run:
            return gettext("Checked, nothing written: %(counts)s.") % {"counts": counts}
        return gettext("Imported as a new draft: %(counts)s.") % {"counts": counts}


def _key(text: object) -> str:
    return re.sub(r"[\s_()（）:：*]+", "", str(text or "")).casefold()


def _labels(text) -> set[str]:
    names = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            names.add(_key(str(text)))
    return names


def sheet_label(part: Part) -> str:
    return str(part.model._meta.verbose_name_plural)


def column_label(part: Part, name: str) -> str:
    return str(part.model._meta.get_field(name).verbose_name)


def _sheet_aliases(part: Part) -> set[str]:
    return (
        _labels(part.model._meta.verbose_name_plural)
        | _labels(part.model._meta.verbose_name)
        | {_key(part.relation)}
    )


def _column_aliases(part: Part) -> dict[str, str]:
    aliases = {}
    for name in part.fields:
        aliases[_key(name)] = name
        for label in _labels(part.model._meta.get_field(name).verbose_name):
            aliases[label] = name
    return aliases


class CellError(ValueError):
    pass


def _choice(model_field: models.Field, text: str) -> str:
    lookup = {}
    for value, label in model_field.flatchoices:
        lookup[_key(value)] = value
        for name in _labels(label):
            lookup[name] = value
    value = lookup.get(_key(text))
    if value is None:
        raise CellError(
            gettext("%(value)s is not one of: %(choices)s.")
            % {
                "value": text,
                "choices": ", ".join(
                    str(label) for _v, label in model_field.flatchoices
                ),
            }
        )
    return value


def parse_cell(model_field: models.Field, value: object) -> object:
    """A spreadsheet cell as the model field's value; CellError when it cannot be."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None if model_field.null else ""
    if isinstance(model_field, models.DateField):
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip().replace("/", "-"))
        except ValueError as error:
            raise CellError(
                gettext("%(value)s is not a date like 2025-09-01.") % {"value": value}
            ) from error
    if isinstance(model_field, models.IntegerField):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        try:
            number = int(str(value).strip())
        except ValueError as error:
            raise CellError(
                gettext("%(value)s is not a whole number.") % {"value": value}
            ) from error
        if number < 0:
            raise CellError(gettext("A number of zero or more is needed."))
        return number
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if model_field.choices:
        return _choice(model_field, text)
    if model_field.max_length and len(text) > model_field.max_length:
        raise CellError(
            gettext("Longer than %(max)d characters.") % {"max": model_field.max_length}
        )
    return text


@dataclass
class Sheet:
    part: Part
    title: str
    headers: dict[str, str]  # field → header as written
    rows: list[tuple[int, dict]]  # (row number in the file, values)


def read_workbook(data: bytes, page_class: type[Page], result: ImportResult):
    from openpyxl import load_workbook

    if len(data) > MAX_BYTES:
        raise ImportFileError(gettext("The file is larger than 10 MB."))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise ImportFileError(
            gettext("This is not a readable XLSX workbook.")
        ) from error
    sheets: dict[str, Sheet] = {}
    try:
        for worksheet in workbook.worksheets:
            part = next(
                (
                    part
                    for part in PARTS[page_class]
                    if _key(worksheet.title) in _sheet_aliases(part)
                ),
                None,
            )
            if part is None:
                continue
            rows = worksheet.iter_rows(values_only=True)
            header = next(rows, None) or ()
            aliases = _column_aliases(part)
            positions = {}
            for index, text in enumerate(header):
                name = aliases.get(_key(text))
                if name:
                    positions[index] = name
                elif text:
                    result.ignored_columns.append(f"{worksheet.title}: {text}")
            sheet = Sheet(
                part,
                worksheet.title,
                {name: str(header[index]) for index, name in positions.items()},
                [],
            )
            for number, row in enumerate(rows, start=2):
                values = {
                    name: row[index] if index < len(row) else None
                    for index, name in positions.items()
                }
                if any(value not in (None, "") for value in values.values()):
                    sheet.rows.append((number, values))
                if len(sheet.rows) > MAX_ROWS:
                    raise ImportFileError(
                        gettext("The sheet %(sheet)s has more than %(max)d rows.")
                        % {"sheet": worksheet.title, "max": MAX_ROWS}
                    )
            sheets[part.relation] = sheet
    finally:
        workbook.close()
    return sheets


def check(data: bytes, page: Page, result: ImportResult) -> dict[str, list[dict]]:
    """The workbook's rows per relation, with every problem added to `result`."""
    page_class = type(page)
    sheets = read_workbook(data, page_class, result)
    parsed: dict[str, list[dict]] = {}
    numbers: dict[str, list[int]] = {}
    bad_cells: set[tuple[str, int, str]] = set()
    structural = False
    for part in PARTS[page_class]:
        sheet = sheets.get(part.relation)
        if sheet is None:
            if part.relation == "repealed_laws":
                parsed[part.relation], numbers[part.relation] = [], []
                continue
            result.errors.append(
                ImportError_(
                    sheet_label(part),
                    None,
                    "",
                    gettext("The workbook has no sheet named %(name)s.")
                    % {"name": sheet_label(part)},
                )
            )
            structural = True
            continue
        missing = [
            column_label(part, name)
            for name in part.fields
            if name not in sheet.headers and not part.model._meta.get_field(name).blank
        ]
        if missing:
            result.errors.append(
                ImportError_(
                    sheet.title,
                    1,
                    ", ".join(missing),
                    gettext("Required columns are missing."),
                )
            )
            structural = True
        rows = []
        for index, (number, values) in enumerate(sheet.rows, start=1):
            row = dict.fromkeys(part.fields)
            for name, value in values.items():
                try:
                    row[name] = parse_cell(part.model._meta.get_field(name), value)
                except CellError as error:
                    bad_cells.add((part.relation, index, name))
                    result.errors.append(
                        ImportError_(
                            sheet.title, number, sheet.headers[name], str(error)
                        )
                    )
            rows.append(row)
        parsed[part.relation] = rows
        numbers[part.relation] = [number for number, _values in sheet.rows]
        result.counts[sheet.title] = len(rows)
    if structural:
        return parsed
    titles = {
        part.relation: sheets[part.relation].title
        for part in PARTS[page_class]
        if part.relation in sheets
    }
    headers = {
        part.relation: sheets[part.relation].headers
        for part in PARTS[page_class]
        if part.relation in sheets
    }
    problems: list[ListRowError] = VALIDATORS[page_class](**parsed)
    for problem in problems:
        relation = problem.collection
        if (relation, problem.row, problem.field) in bad_cells:
            continue  # already reported as a cell that could not be read
        part = next(p for p in PARTS[page_class] if p.relation == relation)
        result.errors.append(
            ImportError_(
                titles.get(relation, sheet_label(part)),
                numbers[relation][problem.row - 1] if numbers.get(relation) else None,
                headers.get(relation, {}).get(problem.field)
                or column_label(part, problem.field),
                problem.message,
            )
        )
    return parsed


def _apply(page: Page, parsed: dict[str, list[dict]]) -> Page:
    """The latest draft of `page` with its rows replaced by `parsed`, matched by key so
    that existing rows keep their identity."""
    draft = page.get_latest_revision_as_object()
    for part in PARTS[type(page)]:
        existing = {
            getattr(row, part.key): row for row in getattr(draft, part.relation).all()
        }
        rows = []
        for order, values in enumerate(parsed.get(part.relation, [])):
            row = existing.get(values[part.key]) or part.model()
            for name, value in values.items():
                if value is None and not part.model._meta.get_field(name).null:
                    value = ""
                setattr(row, name, value)
            row.sort_order = order
            rows.append(row)
        setattr(draft, part.relation, rows)
    return draft


def import_list(
    page: Page,
    data: bytes,
    *,
    dry_run: bool = True,
    user=None,
    publish: bool = False,
    submit: bool = False,
) -> ImportResult:
    """Check a workbook against `page` (a DutyListPage or LenientCataloguePage) and,
    unless it is a dry run or anything is wrong, save it as the page's new draft.

    `publish` publishes a duty list at once; a catalogue refuses it and is instead
    submitted to its legal review when `submit` is given.
    """
    page = page.specific
    result = ImportResult(dry_run=dry_run)
    try:
        parsed = check(data, page, result)
    except ImportFileError as error:
        result.errors.append(ImportError_(gettext("Workbook"), None, "", str(error)))
        return result
    if publish and isinstance(page, catalogue.LenientCataloguePage):
        result.errors.append(
            ImportError_(
                gettext("Workbook"),
                None,
                "",
                gettext(
                    "The catalogue is published only after legal review: submit it "
                    "for review instead."
                ),
            )
        )
    if result.errors or dry_run:
        return result
    with transaction.atomic():
        draft = _apply(page, parsed)
        revision = draft.save_revision(user=user, log_action=True)
        result.revision = revision
        if publish:
            revision.publish(user=user)
            result.published = True
        elif submit:
            workflow = page.get_workflow()
            if workflow is not None:
                workflow.start(page, user)
                result.submitted = True
    return result
