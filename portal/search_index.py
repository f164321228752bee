"""Keeping the search index current: what each content type contributes, and when.

An app registers a provider for each model it wants found:

    @search_index.provider(NoticePage, kind="notice")
    def notice_documents(page) -> list[search_index.Entry]: ...

Pages are (re)indexed when published, moved or translated and dropped when
unpublished, deleted or made private; other models when saved or deleted. Providers
return only public fields: never anything personal.
"""

import contextlib
import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Model
from django.utils import translation
from django.utils.html import strip_tags
from wagtail.models import Page

from portal.models import SearchDocument
from portal.search import index_changed, normalise, phone_digits, title_pinyin

SUMMARY_LENGTH = 2000
SEARCH_TEXT_LENGTH = 20000


@dataclass
class Entry:
    """What a provider says about one searchable item."""

    title: str
    url: str
    language_code: str
    body: str = ""  # shown in results: readable text only
    keywords: str = ""  # found as the title is, never shown (codes, pinyin)
    hidden: str = ""  # found as the body is, never shown (categories, other names)
    key: str = ""
    kind: str = ""
    communities: Iterable[int] = ()
    date: datetime.datetime | None = None
    valid_from: datetime.date | None = None
    valid_until: datetime.date | None = None


Provider = Callable[[Model], list[Entry]]
PROVIDERS: dict[type[Model], tuple[str, Provider]] = {}
# Models whose changes change other sources' documents (an agenda item accepted
# changes its meeting's): the model → the sources to index again.
Sources = Callable[[Model], Iterable[Model]]
FOLLOWERS: dict[type[Model], Sources] = {}


def provider(model: type[Model], kind: str) -> Callable[[Provider], Provider]:
    def register(function: Provider) -> Provider:
        PROVIDERS[model] = (kind, function)
        return function

    return register


def follows(model: type[Model]) -> Callable[[Sources], Sources]:
    """Register what to index again when a `model` instance is saved or deleted."""

    def register(function: Sources) -> Sources:
        FOLLOWERS[model] = function
        return function

    return register


def reindex_followers(instance: Model) -> None:
    function = FOLLOWERS.get(type(instance))
    if function is None:
        return
    for source in function(instance):
        if source is not None:
            reindex(source)


def plain_text(value) -> str:
    """Text of a rich text / StreamField value, tags stripped, spaces folded."""
    if value is None:
        return ""
    rendered = value.render_as_block() if hasattr(value, "render_as_block") else value
    return re.sub(r"\s+", " ", strip_tags(str(rendered))).strip()


def provider_for(instance: Model) -> tuple[str, Provider] | None:
    for cls in type(instance).__mro__:
        if cls in PROVIDERS:
            return PROVIDERS[cls]
    return None


def is_public(instance: Model) -> bool:
    if isinstance(instance, Page):
        return (
            instance.live
            and not instance.expired
            and not instance.get_view_restrictions().exists()
        )
    return getattr(instance, "live", True)


def source_of(instance: Model) -> tuple[ContentType, str]:
    model = instance.specific_class if isinstance(instance, Page) else type(instance)
    return ContentType.objects.get_for_model(model), str(instance.pk)


def remove(instance: Model) -> None:
    source_type, source_id = source_of(instance)
    SearchDocument.objects.filter(source_type=source_type, source_id=source_id).delete()


@transaction.atomic
def reindex(instance: Model) -> int:
    """Replace the documents of one source; returns how many it now has."""
    if isinstance(instance, Page):
        instance = instance.specific
    registered = provider_for(instance)
    remove(instance)
    if registered is None or not is_public(instance):
        return 0
    kind, function = registered
    source_type, source_id = source_of(instance)
    # Labels such as a notice's category are written in the page's own language,
    # whichever language the request or command that published it was in.
    locale = getattr(instance, "locale", None)
    language = getattr(locale, "language_code", None)
    with translation.override(language) if language else contextlib.nullcontext():
        entries = function(instance)
    documents = []
    for entry in entries:
        title = entry.title.strip()
        body = re.sub(r"\s+", " ", entry.body or "").strip()
        keywords = hidden_keywords(entry, title, body)
        scope = ",".join(str(c) for c in entry.communities)
        documents.append(
            SearchDocument(
                source_type=source_type,
                source_id=source_id,
                key=entry.key,
                kind=entry.kind or kind,
                language_code=entry.language_code,
                url=entry.url,
                title=title[:300],
                summary=body[:SUMMARY_LENGTH],
                title_text=normalise(f"{title} {keywords}"),
                search_text=normalise(f"{title} {keywords} {body} {entry.hidden}")[
                    :SEARCH_TEXT_LENGTH
                ],
                scope=f",{scope}," if scope else "",
                date=entry.date,
                valid_from=entry.valid_from,
                valid_until=entry.valid_until,
            )
        )
    SearchDocument.objects.bulk_create(documents)
    index_changed()  # bulk_create sends no signal
    return len(documents)


def hidden_keywords(entry: Entry, title: str, body: str) -> str:
    """What finds an entry without being shown: the provider's keywords, the
    pinyin and initials of a Chinese title, and phone numbers as bare digits
    (so "05168010001", "8010001" and "0516-801 0001" all find "0516-8010001")."""
    words = [entry.keywords]
    if entry.language_code != "en":
        words.append(title_pinyin(title))
    words += phone_digits(f"{entry.keywords} {body} {entry.hidden}")
    return " / ".join(word for word in words if word)


def page_documents(page: Page, body: str, **extra) -> list[Entry]:
    """The usual single entry for a page: its title, URL and language."""
    url = page.get_url()
    if not url:
        return []
    return [
        Entry(
            title=page.title,
            url=url,
            language_code=page.locale.language_code,
            body=" ".join(filter(None, [page.search_description, body])),
            date=page.last_published_at or page.first_published_at,
            **extra,
        )
    ]


def rebuild() -> int:
    """Index every registered model from scratch; returns the number of documents."""
    SearchDocument.objects.all().delete()
    total = 0
    for model in PROVIDERS:
        queryset = model.objects.all()
        if issubclass(model, Page):
            queryset = queryset.live().public().specific()
        for instance in queryset:
            total += reindex(instance)
    return total


# Signal receivers, connected in PortalConfig.ready().


def on_page_published(sender, instance, **kwargs) -> None:
    if provider_for(instance.specific) is not None:
        reindex(instance)


def on_page_unpublished(sender, instance, **kwargs) -> None:
    remove(instance)


def on_page_moved(sender, instance, **kwargs) -> None:
    for page in Page.objects.descendant_of(instance, inclusive=True).live().specific():
        if provider_for(page) is not None:
            reindex(page)


def on_saved(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        return  # pages follow publication, not saves of drafts
    if kwargs.get("raw"):
        return  # fixtures: rebuild() indexes what they loaded
    if provider_for(instance) is not None:
        reindex(instance)
    reindex_followers(instance)


def on_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page) or provider_for(instance) is not None:
        remove(instance)
    if not isinstance(instance, Page):
        reindex_followers(instance)
