"""The categories residents may report under: today's items of the duty list (职责清单),
found by their code, which is the same in every language, and their titles in the
reader's language; and, for a community's residents, that community's own public
duties (一社区一策, codes "LC-…")."""

from django.conf import settings
from django.utils import timezone, translation
from wagtail.models import Locale

from notices.lists.duties import (
    COMMUNITY_CODE_PREFIX,
    community_duty_by_code,
    reportable_community_duties,
)
from notices.models import CommunityDutyItem, DutyItem
from portal.lookups import remembered


def current_items(locale: Locale | None = None) -> list[DutyItem]:
    """Today's duty items in `locale`, or in the default language where that list is
    not published. Codes are the same in every language."""
    items = list(DutyItem.objects.current(locale=locale))
    if not items and locale is not None and locale != Locale.get_default():
        items = list(DutyItem.objects.current(locale=Locale.get_default()))
    return items


def community_items(community, locale: Locale | None = None) -> list:
    """The community's own public duties residents there may report under."""
    return reportable_community_duties(community, locale)


def find_item(code: str) -> DutyItem | CommunityDutyItem | None:
    """The duty item residents may report under `code` today (default language).
    Shared and remembered until the lists change: read it, never modify it."""
    if not code:
        return None
    if code.startswith(COMMUNITY_CODE_PREFIX):
        return community_duty_by_code(code)
    today = timezone.localdate()
    return remembered("report-items-by-code", _items_by_code, today).get(code)


def _items_by_code() -> dict[str, DutyItem]:
    found: dict[str, DutyItem] = {}
    for item in DutyItem.objects.current(locale=Locale.get_default()):
        found.setdefault(item.code, item)  # the first, as `by_code` would pick
    return found


def item_title(code: str, fallback: str = "", language: str | None = None) -> str:
    """The title of item `code` in `language` (the active one by default), else
    `fallback`, else the code itself."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    title = (
        DutyItem.objects.filter(
            code=code, page__live=True, page__locale__language_code=language
        )
        .values_list("title", flat=True)
        .first()
    )
    return title or fallback or code


def item_titles(codes, language: str | None = None) -> dict[str, str]:
    """`item_title` for many codes in one query: {code: title} for those found."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    titles: dict[str, str] = {}
    for code, title in (
        DutyItem.objects.filter(
            code__in=set(codes), page__live=True, page__locale__language_code=language
        )
        .order_by("pk")
        .values_list("code", "title")
    ):
        titles.setdefault(code, title)
    local = [code for code in set(codes) if code.startswith(COMMUNITY_CODE_PREFIX)]
    for code, title in (
        CommunityDutyItem.objects.filter(
            code__in=local, live=True, locale__language_code=language
        )
        .order_by("pk")
        .values_list("code", "title")
    ):
        titles.setdefault(code, title)
    return titles
