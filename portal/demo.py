"""Helpers for `manage.py load_demo_data`: idempotent, bilingual demo content.

Each app registers its own loaders with the `extensions.DEMO_LOADERS` hook, in the
order they must run (home's pages first); every loader may be run any number of
times and leaves the same content behind. This module holds what every loader shares
and the demo admin user. Figures come from the programme's source
documents (see DOMAIN.md); the city and bureau are fictional and marked as demo.
"""

import os
import uuid
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import get_user_model
from wagtail.models import Locale, Page

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


def translate_page(source: Page, locale: Locale, **fields) -> Page:
    """The source page's translation in `locale`, created and published if missing."""
    existing = source.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    translated = source.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save()
    return publish(translated)


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
