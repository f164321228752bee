"""Tags every page uses: bureau identity, language switch, menu and display mode."""

from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import gettext
from wagtail.models import Locale, Page, Site

from portal.extensions import footer_entries, main_menu_entries, site_identity
from portal.lookups import breadcrumb_trail as _breadcrumb_trail
from portal.lookups import remembered, remembered_markup

register = template.Library()


@register.simple_tag(takes_context=True)
def bureau_identity(context) -> object | None:
    """The bureau's identity in the active language (home's `BureauIdentity`, through
    `extensions.SITE_IDENTITY`), looked up once per request."""
    request = context.get("request")
    cache = getattr(request, "_portal_cache", None) if request else None
    if cache is None:
        cache = {}
        if request is not None:
            request._portal_cache = cache
    if "identity" not in cache:
        cache["identity"] = remembered(
            "identity", site_identity, translation.get_language()
        )
    return cache["identity"]


def translated_page_urls(page: Page) -> dict[str, str]:
    """Live translations of a page, by language code, as relative URLs."""
    return remembered(
        "translations", lambda: _translated_page_urls(page), page.translation_key
    )


def _translated_page_urls(page: Page) -> dict[str, str]:
    urls = {}
    for translated in (
        Page.objects.filter(translation_key=page.translation_key)
        .live()
        .select_related("locale")
        .specific(defer=True)
    ):
        url = translated.get_url()
        if url:
            urls[translated.locale.language_code] = url
    return urls


@register.inclusion_tag("includes/language_switch.html", takes_context=True)
def language_switch(context) -> dict:
    """Links to the same page in every other language.

    A Wagtail page links to its live translation; any other view keeps its path and
    query string under the other language prefix. Without a translation, the other
    language's home page.
    """
    request = context["request"]
    current = translation.get_language()
    page = context.get("page")
    page_urls = translated_page_urls(page) if isinstance(page, Page) else {}
    links = []
    for code, name in settings.LANGUAGES:
        if page is not None and isinstance(page, Page):
            url = page_urls.get(code) or f"/{code}/"
        else:
            url = translate_url(request.get_full_path(), code)
        links.append(
            {"code": code, "name": name, "url": url, "current": code == current}
        )
    return {"links": links}


@register.simple_tag(takes_context=True)
def alternate_links(context) -> list[dict]:
    """hreflang alternates for the current page, for search engines."""
    page = context.get("page")
    if not isinstance(page, Page):
        return []
    return [
        {"code": code, "url": url} for code, url in translated_page_urls(page).items()
    ]


# Open Graph names a language with a territory.
OPEN_GRAPH_LOCALES = {"zh-hans": "zh_CN", "en": "en_US"}
# Chat apps cut a card's description at about this many characters.
DESCRIPTION_LENGTH = 120


@register.simple_tag(takes_context=True)
def share_card(context) -> dict:
    """What a search engine and a chat app show of this page: its description and the
    Open Graph title, address, type (a page type may say `open_graph_type`) and
    language. The description is the editor's search description, else the page's
    introduction or summary, else a sentence about the programme, so that a link
    shared in a chat always carries a card."""
    page = context.get("page")
    request = context.get("request")
    language = translation.get_language()
    title = ""
    description = ""
    kind = "website"
    if isinstance(page, Page):
        title = page.seo_title or page.title
        description = (
            page.search_description
            or getattr(page, "intro", "")
            or getattr(page, "summary", "")
            or ""
        )
        kind = getattr(page, "open_graph_type", kind)
    if not description.strip():
        description = gettext(
            "Community stations, duty lists, the lenient-enforcement catalogue and "
            "ways to report a problem, from the city management bureau."
        )
    description = Truncator(" ".join(description.split())).chars(DESCRIPTION_LENGTH)
    return {
        "title": title,
        "description": description,
        "url": request.build_absolute_uri(request.path) if request else "",
        "type": kind,
        "locale": OPEN_GRAPH_LOCALES.get(language, "zh_CN"),
    }


@register.simple_tag(takes_context=True)
def site_fragment(context, template_name: str) -> SafeString:
    """A part of every page that only the language and the bureau's identity change
    (the header's first row, the footer): written once per language and remembered
    until content changes, instead of on every view."""
    identity = bureau_identity(context)
    language = translation.get_language()
    services = [
        (str(entry.label), reverse(entry.url_name)) for entry in footer_entries()
    ]
    return remembered_markup(
        template_name,
        {"identity": identity, "LANGUAGE_CODE": language, "services": services},
        language,
    )


@register.simple_tag(takes_context=True)
def main_menu(context) -> SafeString:
    """The home page of the active language, its children shown in menus and the
    features the apps register (extensions.MAIN_MENU_ENTRIES), the page being read
    (or its section, or the feature) marked current. The menu has a handful of
    entries, so each way of marking it is written once and remembered."""
    language = translation.get_language()
    menu = remembered("main-menu", lambda: _menu_entries(language), language)
    home = menu["home"]
    if home is None:
        return SafeString("")
    current_path = getattr(context.get("page"), "path", "")
    request = context.get("request")
    address = request.path if request is not None else ""
    current = ""
    if current_path == home["path"]:
        current = "home"
    else:
        # The entry whose section holds the page, or whose address starts the one
        # being read; the longest wins (/report/statistics/ is not /report/).
        matches = [
            item["url"]
            for item in menu["items"]
            if (item["path"] and current_path.startswith(item["path"]))
            or (not item["path"] and address.startswith(item["url"]))
        ]
        current = max(matches, key=len, default="")
    items = [(item, item["url"] == current) for item in menu["items"]]
    return remembered_markup(
        "includes/main_menu.html",
        {"home": home, "home_current": current == "home", "items": items},
        language,
        current,
    )


def _menu_entries(language: str) -> dict:
    """Titles, URLs and tree paths only: what the menu shows, cheap to keep."""
    home = Page.objects.filter(depth=2, locale__language_code=language).live().first()
    if home is None:
        return {"home": None, "items": []}

    def entry(page: Page) -> dict:
        return {"title": page.title, "url": page.get_url(), "path": page.path}

    pages = home.get_children().live().in_menu().public()
    placed = [((index + 1) * 10, entry(page)) for index, page in enumerate(pages)]
    for feature in main_menu_entries():
        item = {
            "title": str(feature.label),
            "url": reverse(feature.url_name),
            "path": "",
        }
        placed.append((feature.order, item))
    placed.sort(key=lambda pair: pair[0])
    return {"home": entry(home), "items": [item for _order, item in placed]}


@register.simple_tag(takes_context=True)
def page_blocks(context, page: Page, field_name: str = "body") -> SafeString:
    """What `{% for block in page.body %}{% include_block block %}{% endfor %}`
    writes, remembered per page, language and site until content changes: the home
    page's quick links otherwise cost a query and a quarter of its time on every
    view. Block templates see the page, the request (for page links) and
    LANGUAGE_CODE only: nothing that differs between two readers."""
    request = context.get("request")
    language = translation.get_language()
    site = Site.find_for_request(request)

    def build() -> SafeString:
        shown = {"page": page, "request": request, "LANGUAGE_CODE": language}
        return SafeString(
            "".join(
                conditional_escape(block.render_as_block(context=dict(shown)))
                for block in getattr(page, field_name)
            )
        )

    if getattr(request, "is_preview", False):
        return build()  # an editor's draft: never the published page's markup
    return remembered(
        "page-blocks", build, page.pk, field_name, language, site.pk if site else ""
    )


@register.simple_tag(takes_context=True)
def display_mode_url(context, mode: str) -> str:
    """A plain link that switches display mode and comes back to this page."""
    request = context["request"]
    url = reverse("display_mode", kwargs={"mode": mode})
    return f"{url}?{urlencode({'next': request.get_full_path()})}"


@register.simple_tag
def active_locale() -> Locale | None:
    language = translation.get_language()
    return remembered(
        "active-locale",
        lambda: Locale.objects.filter(language_code=language).first(),
        language,
    )


@register.simple_tag
def breadcrumb_trail(page) -> list[dict]:
    """A page's ancestors below the root (title, url, depth), remembered."""
    return _breadcrumb_trail(page) if isinstance(page, Page) else []
