"""XLSX import of the duty list and the lenient catalogue, with the station import's
rules:

- every row is checked first, and each problem is reported with its sheet, row number,
  column and reason, in the editor's language;
- nothing is written unless the whole workbook is valid (one transaction);
- a dry run checks and reports, and writes nothing.

A workbook has one sheet per collection of `notices.lists.versions.SPECS` (duty list:
categories, items; catalogue: batches, categories, laws no longer in force, items).
Sheets and columns are recognised by their names in English or Chinese, or by the
field's key; unknown columns are listed and ignored. Rows are matched to the list's
existing rows by their code or number, so an import keeps every row's identity (and
its translations) and the "what changed" page shows what the import changed.

The import saves a new draft revision. The duty list may be published at once; the
catalogue is only ever submitted to its legal review, never published directly.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db import models, transaction
from django.utils.translation import gettext
from wagtail.models import Page

from notices.lists import catalogue, catalogue_rows, duties, duty_rows
from notices.lists.changes import SPECS, Collection
from notices.lists.shared import RowError as ListRowError
from portal.spreadsheets import (
    CellError,
    ImportFileError,
    RowError,
    alias_table,
    check_row_count,
    in_every_language,
    open_xlsx,
    text_key,
)
from portal.text import listing

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 5_000


VALIDATORS = {
    duties.DutyListPage: duty_rows.validate_duty_list,
    catalogue.LenientCataloguePage: catalogue_rows.validate_catalogue,
}


@dataclass
class ImportResult:
    dry_run: bool
    errors: list[RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    revision: object = None
    published: bool = False
    submitted: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        counts = listing(f"{name} {count}" for name, count in self.counts.items())
        if self.errors:
            return gettext("%(count)d problems found; nothing was written.") % {
                "count": len(self.errors)
            }
        if self.dry_run:
            return gettext("Checked, nothing written: %(counts)s.") % {"counts": counts}
        return gettext("Imported as a new draft: %(counts)s.") % {"counts": counts}


def sheet_label(part: Collection) -> str:
    return str(part.model._meta.verbose_name_plural)


def column_label(part: Collection, name: str) -> str:
    return str(part.model._meta.get_field(name).verbose_name)


def _sheet_aliases(part: Collection) -> set[str]:
    return (
        in_every_language(part.model._meta.verbose_name_plural)
        | in_every_language(part.model._meta.verbose_name)
        | {text_key(part.name)}
    )


def _column_aliases(part: Collection) -> dict[str, str]:
    return alias_table(
        (name, part.model._meta.get_field(name).verbose_name) for name in part.fields
    )


def _choice(model_field: models.Field, text: str) -> str:
    value = alias_table(model_field.flatchoices).get(text_key(text))
    if value is None:
        raise CellError(
            gettext("%(value)s is not one of: %(choices)s.")
            % {
                "value": text,
                "choices": listing(label for _v, label in model_field.flatchoices),
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
    part: Collection
    title: str
    headers: dict[str, str]  # field → header as written
    rows: list[tuple[int, dict]]  # (row number in the file, values)


def read_workbook(data: bytes, page_class: type[Page], result: ImportResult):
    if len(data) > MAX_BYTES:
        raise ImportFileError(gettext("The file is larger than 10 MB."))
    sheets: dict[str, Sheet] = {}
    with open_xlsx(data) as worksheets:
        for worksheet in worksheets:
            part = next(
                (
                    part
                    for part in SPECS[page_class]
                    if text_key(worksheet.title) in _sheet_aliases(part)
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
                name = aliases.get(text_key(text))
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
                check_row_count(worksheet.title, len(sheet.rows), MAX_ROWS)
            sheets[part.name] = sheet
    return sheets


def check(data: bytes, page: Page, result: ImportResult) -> dict[str, list[dict]]:
    """The workbook's rows per relation, with every problem added to `result`."""
    page_class = type(page)
    sheets = read_workbook(data, page_class, result)
    parsed: dict[str, list[dict]] = {}
    numbers: dict[str, list[int]] = {}
    bad_cells: set[tuple[str, int, str]] = set()
    structural = False
    for part in SPECS[page_class]:
        sheet = sheets.get(part.name)
        if sheet is None:
            if part.name == "repealed_laws":
                parsed[part.name], numbers[part.name] = [], []
                continue
            result.errors.append(
                RowError(
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
                RowError(
                    sheet.title,
                    1,
                    listing(missing),
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
                    bad_cells.add((part.name, index, name))
                    result.errors.append(
                        RowError(sheet.title, number, sheet.headers[name], str(error))
                    )
            rows.append(row)
        parsed[part.name] = rows
        numbers[part.name] = [number for number, _values in sheet.rows]
        result.counts[sheet.title] = len(rows)
    if structural:
        return parsed
    titles = {
        part.name: sheets[part.name].title
        for part in SPECS[page_class]
        if part.name in sheets
    }
    headers = {
        part.name: sheets[part.name].headers
        for part in SPECS[page_class]
        if part.name in sheets
    }
    problems: list[ListRowError] = VALIDATORS[page_class](**parsed)
    for problem in problems:
        relation = problem.collection
        if (relation, problem.row, problem.field) in bad_cells:
            continue  # already reported as a cell that could not be read
        part = next(p for p in SPECS[page_class] if p.name == relation)
        result.errors.append(
            RowError(
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
    for part in SPECS[type(page)]:
        existing = {
            getattr(row, part.key): row for row in getattr(draft, part.name).all()
        }
        rows = []
        for order, values in enumerate(parsed.get(part.name, [])):
            row = existing.get(values[part.key]) or part.model()
            for name, value in values.items():
                if value is None and not part.model._meta.get_field(name).null:
                    value = ""
                setattr(row, name, value)
            row.sort_order = order
            rows.append(row)
        setattr(draft, part.name, rows)
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

    `publish` publishes a duty list at once when no user is named (an operator's
    command); a catalogue, or a list imported by a user (nobody may publish a list
    around its legal review), refuses it. `submit` submits it to the review.
    """
    page = page.specific
    result = ImportResult(dry_run=dry_run)
    try:
        parsed = check(data, page, result)
    except ImportFileError as error:
        result.errors.append(RowError(gettext("Workbook"), None, "", str(error)))
        return result
    refusal = None
    if publish and isinstance(page, catalogue.LenientCataloguePage):
        refusal = gettext(
            "The catalogue is published only after legal review: submit it for "
            "review instead."
        )
    elif publish and user and not page.permissions_for_user(user).can_publish():
        refusal = gettext(
            "This list is published only after legal review: submit it for review "
            "instead."
        )
    if refusal:
        result.errors.append(RowError(gettext("Workbook"), None, "", refusal))
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
