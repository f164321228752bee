"""Entry points of the import: read, check, and write only when every row is valid."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from notices.stations.bulk.checking import (
    Plan,
    check_assignments,
    check_communities,
    check_references,
    check_staff,
    directory_root,
)
from notices.stations.bulk.columns import (
    ASSIGNMENTS,
    COMMUNITIES,
    SHEET_LABELS,
    STAFF,
    ImportReport,
)
from notices.stations.bulk.reading import (
    PhotoSource,
    Table,
    read_spreadsheet,
)
from notices.stations.bulk.writing import Writer
from portal.spreadsheets import (
    ImportFileError,
    RowError,
)
from portal.text import clauses


def import_tables(
    tables: list[Table],
    photos: PhotoSource | None = None,
    dry_run: bool = True,
    user=None,
) -> ImportReport:
    report = ImportReport(dry_run=dry_run)
    photos = photos or PhotoSource()
    by_kind: dict[str, Table] = {}
    for table in tables:
        if table.kind in by_kind:
            raise ImportFileError(
                gettext("Two sheets hold %(kind)s; merge them into one.")
                % {"kind": SHEET_LABELS[table.kind]}
            )
        by_kind[table.kind] = table
        report.rows[table.kind] = len(table.rows)
        report.ignored_columns.extend(table.ignored)
    index = directory_root()
    if index is None:
        raise ImportFileError(
            gettext("Create the station directory page first, then import.")
        )
    plan = Plan()
    if STAFF in by_kind:
        check_staff(by_kind[STAFF], plan, report, photos)
    if COMMUNITIES in by_kind:
        check_communities(by_kind[COMMUNITIES], plan, report)
    if ASSIGNMENTS in by_kind:
        check_assignments(by_kind[ASSIGNMENTS], plan, report)
    check_references(plan, by_kind, report, index)
    report.errors.sort(key=lambda error: (error.sheet, error.row))
    if report.errors:
        return report
    try:
        with transaction.atomic():
            Writer(plan, report, index, user).write()
            if dry_run:
                transaction.set_rollback(True)
    except ValidationError as error:  # a model rule the row checks missed
        report.errors.append(RowError("", 0, "", clauses(error.messages)))
    return report


def import_upload(upload, photos=None, dry_run=True, user=None) -> ImportReport:
    """Import an uploaded spreadsheet (and optional ZIP of photos) from the admin."""
    tables = read_spreadsheet(upload.read(), upload.name)
    source = PhotoSource(archive=photos.read()) if photos else PhotoSource()
    return import_tables(tables, source, dry_run=dry_run, user=user)


def import_paths(
    paths: list[Path], photos: Path | None = None, dry_run=True, user=None
) -> ImportReport:
    tables = []
    for path in paths:
        tables.extend(read_spreadsheet(Path(path).read_bytes(), Path(path).name))
    if photos is None:
        source = PhotoSource()
    elif Path(photos).is_dir():
        source = PhotoSource(folder=Path(photos))
    else:
        source = PhotoSource(archive=Path(photos).read_bytes())
    return import_tables(tables, source, dry_run=dry_run, user=user)
