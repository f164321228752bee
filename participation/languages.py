"""Translated records in participation: the default-language "source" every rule
stores, and the same records shown in the visitor's language.

Teams, communities and meetings are always stored against the default-language page
or snippet, so both languages share one set of places, one roster and one agenda.
"""

from collections.abc import Iterable

from django.conf import settings
from django.db.models import QuerySet
from django.utils import translation
from wagtail.models import Locale, Page

from notices.models import CommunityPage


def source_of(instance):
    """A page or snippet in the default language (itself if it already is)."""
    default = Locale.get_default()
    if instance.locale_id == default.pk:
        return instance
    model = type(instance)
    found = model.objects.filter(
        translation_key=instance.translation_key, locale=default
    ).first()
    return found or instance


def in_active_language(sources: Iterable, translations: QuerySet) -> dict:
    """Each source keyed by its pk: its translation in the active language where
    `translations` holds one, else the source itself."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    result = {item.pk: item for item in sources}
    keys = {item.translation_key: pk for pk, item in result.items()}
    for item in translations.filter(
        translation_key__in=keys, locale__language_code=language
    ):
        result[keys[item.translation_key]] = item
    return result


def localized_communities(pks) -> dict[int, Page]:
    """Community pages in the active language where live, keyed by the source
    page's pk."""
    sources = CommunityPage.objects.filter(pk__in=set(pks))
    return in_active_language(sources, CommunityPage.objects.live())
