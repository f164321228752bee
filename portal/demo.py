"""Helpers for `manage.py load_demo_data`: idempotent, bilingual demo content.

Each app registers its own loaders with the `extensions.DEMO_LOADERS` hook, in the
order they must run (home's pages first); every loader may be run any number of
times and leaves the same content behind. This module holds what every loader shares
and the demo admin user. Figures come from the programme's source
documents (see DOMAIN.md); the city and bureau are fictional and marked as demo.
"""

import copy
import json
import os
import uuid
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from modelcluster.models import ClusterableModel
from wagtail.fields import StreamField
from wagtail.models import DraftStateMixin, Locale, Page
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_PASSWORD_DEFAULT = "chengguan-demo-2026"  # noqa: S105  (demo only)


def locales() -> tuple[Locale, Locale]:
    """The Chinese (default) and English locales, created if missing."""
    zh, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    en, _ = Locale.objects.get_or_create(language_code="en")
    return zh, en


def list_item(value: dict) -> dict:
    """One ListBlock item in the stored format Wagtail expects."""
    return {"type": "item", "value": value, "id": str(uuid.uuid4())}


def publish(page: Page) -> Page:
    page.save_revision().publish()
    page.refresh_from_db()
    return page


# English demo content is made as an editor makes it: the Chinese page or snippet is
# the source, wagtail-localize holds its segments and their English translations, and
# the English page is the synchronised translation ("Sync translated pages" in the
# admin does the same). A loader writes its English as the fields the English copy
# would have; `english_strings` pairs them with the Chinese segments they translate.

Memory = dict[tuple[str, str], str]


def _strings(instance: models.Model) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for segment in extract_segments(instance):
        if isinstance(segment, StringSegmentValue):
            found[segment.path].append(segment.string.data)
    return found


def shadow_copy(instance: models.Model) -> models.Model:
    """An unsaved copy of `instance` whose fields (and child rows) can be changed
    without touching the original."""
    if isinstance(instance, Page):
        return instance.with_content_json(json.loads(instance.to_json()))
    if isinstance(instance, ClusterableModel):
        return type(instance).from_json(instance.to_json())
    return copy.copy(instance)


def english_strings(
    source: models.Model, english: models.Model, strict: bool = True
) -> Memory:
    """(segment path, Chinese string) → English string, pairing the source's
    segments with those of `english`, a copy of it holding the English text.

    Each field must split into as many segments in both languages (one per
    paragraph of rich text): a demo text that does not is a mistake, raised here
    (unless not `strict`: such a field is then left to the fallback).
    """
    chinese, translated = _strings(source), _strings(english)
    memory: Memory = {}
    for path, texts in chinese.items():
        others = translated.get(path, [])
        if len(others) != len(texts):
            if not strict:
                continue
            raise ValueError(
                f"{type(source).__name__} {source}: {path} has {len(texts)} Chinese "
                f"segments and {len(others)} English ones"
            )
        for text, other in zip(texts, others, strict=True):
            # A string the English copy left as it was has no English here: its
            # earlier translation stands, or the source text as the fallback.
            if other != text:
                memory[(path, text)] = other
    return memory


def _same_block_ids(source: Any, english: Any) -> None:
    """Give the English stream's blocks the ids of the Chinese blocks in the same
    place, as a translation keeps them (segment paths are made of block ids)."""
    if isinstance(source, list) and isinstance(english, list):
        for ours, theirs in zip(source, english, strict=False):
            if (
                isinstance(ours, dict)
                and isinstance(theirs, dict)
                and "id" in ours
                and ours.get("type") == theirs.get("type")
            ):
                theirs["id"] = ours["id"]
            _same_block_ids(ours, theirs)
    elif isinstance(source, dict) and isinstance(english, dict):
        for key, value in english.items():
            if key in source:
                _same_block_ids(source[key], value)


def english_of(source: models.Model, strict: bool = True, **fields: Any) -> Memory:
    """The translation memory of `source` when its English copy has `fields`."""
    english = shadow_copy(source)
    for name, value in fields.items():
        setattr(english, name, value)
        field = source._meta.get_field(name)
        if isinstance(field, StreamField):
            ours = copy.deepcopy(field.get_prep_value(getattr(source, name)))
            theirs = copy.deepcopy(field.get_prep_value(getattr(english, name)))
            _same_block_ids(ours, theirs)
            setattr(english, name, theirs)
    return english_strings(source, english, strict)


def sync_translation(
    source: models.Model, locale: Locale, memory: Memory | None = None
) -> models.Model:
    """Submit `source` for translation into `locale` (or bring its submission up to
    date), record the English strings of `memory`, then save and publish the
    synchronised translation. A segment without English keeps the source text,
    wagtail-localize's documented fallback."""
    if isinstance(source, Page):
        source = source.specific
    translation_source, created = TranslationSource.get_or_create_from_instance(source)
    if not created:
        translation_source.update_from_db()
    translation, _ = Translation.objects.get_or_create(
        source=translation_source, target_locale=locale
    )
    if memory:
        po = translation.export_po()
        for entry in po:
            english = memory.get((entry.msgctxt, entry.msgid))
            if english is not None:
                entry.msgstr = english
        translation.import_po(po)
    # Pages and draftable snippets are saved as a draft and published here rather
    # than when the loader's transaction commits, so that what runs next (and a
    # test inside a transaction) sees the live translation.
    draftable = isinstance(source, Page | DraftStateMixin)
    translation.save_target(publish=not draftable)
    target = translation_source.get_translated_instance(locale)
    if draftable:
        target.get_latest_revision().publish()
        target.refresh_from_db()
    return target.specific if isinstance(target, Page) else target


def translate_snippet(source: models.Model, locale: Locale, **fields) -> models.Model:
    """The translation of `source` (a snippet or a page) in `locale`: made with
    wagtail-localize from the English `fields` unless it already is such a
    translation, which is then left as it is. An English copy made otherwise
    (by an earlier demo) becomes the synchronised translation."""
    existing = source.get_translation_or_none(locale)
    if (
        existing is not None
        and Translation.objects.filter(
            source__object_id=source.translation_key, target_locale=locale
        ).exists()
    ):
        return existing
    return sync_translation(source, locale, english_of(source, **fields))


def translate_page(source: Page, locale: Locale, **fields) -> Page:
    """The source page's translation in `locale` (see translate_snippet)."""
    return translate_snippet(source.specific, locale, **fields).specific


def child_page(parent: Page, model: type[Page], slug: str, **fields) -> Page:
    """A published child page with this slug, created if missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    return publish(page)


def bilingual_child(
    parent_zh: Page,
    model: type[Page],
    slug: str,
    zh: dict,
    en: dict,
) -> tuple[Page, Page]:
    """A page in Chinese and its English translation, both published."""
    _, en_locale = locales()
    page_zh = child_page(parent_zh, model, slug, **zh)
    page_en = translate_page(page_zh, en_locale, **en)
    return page_zh, page_en


def ensure_admin(stdout_write: Callable[[str], None]) -> None:
    """The demo admin user, created if missing (its password is left alone)."""
    user_model = get_user_model()
    password = os.environ.get("DEMO_ADMIN_PASSWORD", DEMO_ADMIN_PASSWORD_DEFAULT)
    user = user_model.objects.filter(username=DEMO_ADMIN_USERNAME).first()
    if user is None:
        user_model.objects.create_superuser(
            DEMO_ADMIN_USERNAME, "admin@example.org", password
        )
        stdout_write(f"Created admin user '{DEMO_ADMIN_USERNAME}'.")
