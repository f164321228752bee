"""What changed between two published versions of a duty list or lenient catalogue.

A version is a snapshot of the page's rows taken when it was published
(`ListVersion`). Rows are matched by their stable key (an item's code or number), so a
diff lists the rows added, removed and changed, and for each changed row every field
that differs with its old and new value. In the catalogue, a row whose repeal date was
set is reported as repealed rather than merely changed.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from notices.lists import catalogue, catalogue_rows, duties, duty_rows
from notices.lists.versions import ListVersion


@dataclass(frozen=True)
class Collection:
    """Rows of one inline relation, matched across versions by `key`."""

    name: str
    model: type[models.Model]
    key: str
    fields: tuple[str, ...]
    label: str
    title_field: str
    repeal_field: str | None = None


SPECS: dict[type[Page], tuple[Collection, ...]] = {
    duties.DutyListPage: (
        Collection(
            "categories",
            duties.DutyCategory,
            "code",
            duty_rows.CATEGORY_FIELDS,
            _("Categories"),
            "name",
        ),
        Collection(
            "items", duties.DutyItem, "code", duty_rows.ITEM_FIELDS, _("Items"), "title"
        ),
    ),
    catalogue.LenientCataloguePage: (
        Collection(
            "batches",
            catalogue.CatalogueBatch,
            "code",
            catalogue_rows.BATCH_FIELDS,
            _("Batches"),
            "title",
        ),
        Collection(
            "categories",
            catalogue.CatalogueCategory,
            "code",
            catalogue_rows.CATEGORY_FIELDS,
            _("Categories"),
            "name",
        ),
        Collection(
            "repealed_laws",
            catalogue.RepealedLaw,
            "name",
            catalogue_rows.LAW_FIELDS,
            _("Laws no longer in force"),
            "name",
        ),
        Collection(
            "items",
            catalogue.LenientItem,
            "number",
            catalogue_rows.ITEM_FIELDS,
            _("Items"),
            "violation",
            repeal_field="repealed_on",
        ),
    ),
}


def tracks(page: Page) -> bool:
    return type(page) in SPECS


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


def snapshot_of(page: Page) -> dict:
    """The page's rows as JSON-ready dicts, in editor order."""
    return {
        "title": page.title,
        "collections": {
            spec.name: [
                {name: _plain(getattr(row, name)) for name in spec.fields}
                for row in getattr(page, spec.name).all()
            ]
            for spec in SPECS[type(page)]
        },
    }


@transaction.atomic
def record_version(page: Page, revision=None) -> ListVersion:
    """Keep this publication of `page` as its next numbered version."""
    last = (
        ListVersion.objects.select_for_update()
        .filter(page=page)
        .order_by("-number")
        .first()
    )
    return ListVersion.objects.create(
        page=page,
        number=(last.number + 1) if last else 1,
        published_at=timezone.now(),
        revision=revision,
        snapshot=snapshot_of(page),
    )


@dataclass
class FieldChange:
    field: str
    label: str
    old: object
    new: object


@dataclass
class RowChange:
    key: str
    old: dict | None
    new: dict | None
    title: str = ""
    fields: list[FieldChange] = field(default_factory=list)


@dataclass
class CollectionDiff:
    spec: Collection
    added: list[RowChange] = field(default_factory=list)
    removed: list[RowChange] = field(default_factory=list)
    changed: list[RowChange] = field(default_factory=list)
    repealed: list[RowChange] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.repealed)


def field_label(model: type[models.Model], name: str) -> str:
    return str(model._meta.get_field(name).verbose_name)


def display_value(model: type[models.Model], name: str, value: object) -> str:
    """A stored value as a resident reads it: choice labels, dates, or a dash."""
    if value in (None, ""):
        return "—"
    choices = dict(model._meta.get_field(name).flatchoices)
    return str(choices.get(value, value))


def diff_collection(
    spec: Collection, old: list[dict], new: list[dict]
) -> CollectionDiff:
    result = CollectionDiff(spec)
    old_rows = {row[spec.key]: row for row in old}
    new_rows = {row[spec.key]: row for row in new}
    for key, row in new_rows.items():
        before = old_rows.get(key)
        if before is None:
            result.added.append(RowChange(key, None, row, row.get(spec.title_field)))
            continue
        changes = [
            FieldChange(
                name,
                field_label(spec.model, name),
                display_value(spec.model, name, before.get(name)),
                display_value(spec.model, name, row.get(name)),
            )
            for name in spec.fields
            if before.get(name) != row.get(name)
        ]
        if not changes:
            continue
        change = RowChange(key, before, row, row.get(spec.title_field), changes)
        if (
            spec.repeal_field
            and not before.get(spec.repeal_field)
            and row.get(spec.repeal_field)
        ):
            result.repealed.append(change)
        else:
            result.changed.append(change)
    result.removed = [
        RowChange(key, row, None, row.get(spec.title_field))
        for key, row in old_rows.items()
        if key not in new_rows
    ]
    return result


def diff_versions(old: ListVersion, new: ListVersion) -> list[CollectionDiff]:
    """Per collection of the page, the rows added, removed, changed and repealed."""
    page_class = type(new.page.specific)
    return [
        diff_collection(
            spec,
            old.snapshot["collections"].get(spec.name, []),
            new.snapshot["collections"].get(spec.name, []),
        )
        for spec in SPECS[page_class]
    ]
