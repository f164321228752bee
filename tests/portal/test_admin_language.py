"""The admin wholly in its user's language (issue 23).

An administrator and a station-staff user, each with Wagtail's preferred admin
language set, walk every entry of the admin menu (sub-menus and the settings menu
too); on each screen reached, and on the first add and edit form a listing links
to, every visible text and label (headings, menu labels, column heads, field labels,
help texts, choices, buttons, placeholders) must be in the user's language: no
English words for a zh-hans user, no Chinese characters for an en user.

What people entered (page titles, names, record texts) is the data, not the admin's
wording: every text value held in the database is taken out before the check, as
are code-like tokens and proper names that stay as they are in every language.
"""

import json
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.db import models
from django.db.models import Min
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import capfirst
from wagtail.models import Page, WorkflowState, get_page_models
from wagtail.users.models import UserProfile

from tests.portal.role_builders import City, role_user

pytestmark = pytest.mark.django_db

# Names and formats that read the same in every language.
PROPER_NAMES = {
    "API",
    "CSV",
    "XLSX",
    "Open311",
    "Wagtail",
    "English",
    "QR",
    "SMS",
    "PDF",
    "URL",
    "ID",
    "WebP",
    "JPEG",
    "PNG",
    "GIF",
    "HEIC",
    "TOTP",
    "ICS",
    "RSS",
    "Atom",
    "Markdown",
    "HTML",
    "JSON",
    "OK",
    "Leaflet",
    "OpenStreetMap",
    # GeoJSON's own names for its parts, and the coordinate system's.
    "GeoJSON",
    "FeatureCollection",
    "Polygon",
    "MultiPolygon",
    "WGS",
    "http",
    "https",
    # Keys on the keyboard, as printed on them.
    "Ctrl",
    "Alt",
    "Shift",
    "Esc",
    "Cmd",
    "Tab",
    "Enter",
}
LANGUAGE_NAMES = ("简体中文", "中文", "English")
# Outside the admin's own wording: the rich-text editor's and the date picker's
# own bundles (translated by Wagtail's JavaScript catalogue, not the page).
SKIPPED_TAGS = {"script", "style", "svg", "noscript"}
VISIBLE_ATTRIBUTES = ("placeholder", "aria-label", "title")
WORD = re.compile(r"[A-Za-z][A-Za-z'’]+")
# Paths, addresses, file names, codes and numbers with units.
CODE_LIKE = re.compile(r"[/_@=\\]|\.\w|\d|^https?:")
# A name or phone masked for staff without the right to see it (甲**).
MASKED = re.compile(r"\S\*{2,}")
EXAMPLE = re.compile(r"(e\.g\.|[Ff]or example)[^.;]*")
HAN = re.compile(r"[\u3400-\u9fff]")
EDIT_LINK = re.compile(r"^/admin/.*(/add/|/create/|/new/|/edit/\d+/|/\d+/edit/)$")


class ScreenText(HTMLParser):
    """The texts a person sees on a screen, and the admin links on it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.links: list[str] = []
        self.sidebar = ""
        self._skipping: list[str] = []
        self._in_sidebar = False
        self._option_value: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and attributes.get("id") == "wagtail-sidebar-props":
            self._in_sidebar = True
        if tag in SKIPPED_TAGS:
            self._skipping.append(tag)
            return
        if self._skipping:
            return
        for name in VISIBLE_ATTRIBUTES:
            if attributes.get(name):
                self.texts.append(attributes[name])
        if tag == "input" and attributes.get("type") in ("submit", "button"):
            self.texts.append(attributes.get("value") or "")
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        # A choice shown as its own value is a code (a time zone, a language code).
        self._option_value = attributes.get("value") if tag == "option" else None

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_sidebar = False
        if self._skipping and self._skipping[-1] == tag:
            self._skipping.pop()

    def handle_data(self, data):
        if self._in_sidebar:
            self.sidebar += data
        elif not self._skipping and data.strip() != (self._option_value or ""):
            self.texts.append(data)


def menu_entries(props: str) -> list[tuple[str, str]]:
    """(label, url) of every menu item in Wagtail's sidebar, sub-menus included."""
    found = []

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("label"), str):
                found.append((node["label"], node.get("url") or ""))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(props))
    return found


# Names the framework keeps for itself, not what anyone entered. Permission names
# are rows too (Django writes them once, in English): the group editor lists them
# as stored, so they are treated as data. Workflow, task and role-group names are
# the portal's own wording (English msgids, portal/roles.py): every screen must
# show them in the reader's language (portal.roles.display_name), so they are not
# data either.
FRAMEWORK_TABLES = {
    "contenttypes.ContentType",
    "sessions.Session",
    "wagtailcore.Workflow",
    "wagtailcore.Task",
    "wagtailcore.GroupApprovalTask",
    "notices.SignOffTask",
    "auth.Group",
}


def entered_texts() -> list[str]:
    """Every text value people (and the demo builders) put in the database,
    longest first, so that a title is taken out before a word inside it."""
    found = set(LANGUAGE_NAMES)
    framework = set()
    for model in apps.get_models():
        fields = [
            field.attname
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField)
            and not field.choices
        ]
        if not fields or model._meta.proxy:
            continue
        kept = framework if model._meta.label in FRAMEWORK_TABLES else found
        for row in model.objects.values_list(*fields):
            for value in row:
                if isinstance(value, str) and value.strip():
                    kept.add(value.strip())
                    kept.update(line.strip() for line in value.splitlines())
    # A framework name copied elsewhere (the audit log names the workflow it
    # recorded) is still the framework's name, not data.
    found -= framework
    found.discard("")
    return sorted(found, key=len, reverse=True)


# Wagtail translates these once, when the module or the form is first loaded, in
# the language active then (plain gettext at import, a lazy label formatted at
# once): the redirects filter's choices, the group editor's collection
# permissions, a page chooser's "Choose a page (<type>)", the snippets'
# breadcrumb. They follow the server language, not the reader's, until Wagtail
# makes them lazy.
FROZEN_BY_WAGTAIL = [
    "Permanent",
    "Temporary",
    "Add collections",
    "Edit collections",
    "Delete collections",
    "Add",
    "Edit",
    "Delete",
    "Choose",
    "Collection",
    "Add/edit images you own",
    "Edit any image",
    "Select images in choosers",
    "Choose a page",
    "Home",
]


# Written in English by Wagtail or wagtail-localize where no catalogue can reach
# them: text not marked for translation (the header's "Actions" aria-label, the
# search form's hidden submit, a hidden counter printing None, the locales
# listing's "N pages + M others"), labels made from field names (the sites
# listing's Port and Site name, the translations report's Source/Target locale,
# the locale form's Enabled and Sync from, the workflow form's Content types),
# model names read untranslated (verbose_name_raw) in the group and workflow
# editors, and booleans shown as True/False in an icon's title. Checked as the
# text left once data is removed.
UNMARKED_IN_WAGTAIL = [
    "Actions",
    "Search",
    "None",
    "pages + others",
    "Port",
    "Site name",
    "page",
    "按“Port”升序排列。",
    "Source locale",
    "Target locale",
    "Enabled",
    "Sync from",
    "Content types",
    "Locale",
    "Page",
    "Translation",
    "True",
    "False",
]


def frozen_by_wagtail() -> list[str]:
    names = []
    for language in ("zh-hans", "en"):
        with translation.override(language):
            names += [translation.gettext(text) for text in FROZEN_BY_WAGTAIL]
            choose = translation.gettext("Choose a page")
            names += [
                f"{choose} ({capfirst(model._meta.verbose_name)})"
                for model in get_page_models()
            ]
            names += [translation.gettext("Type"), translation.gettext("All")]
    return names


def without_data(text: str, entered: list[str]) -> str:
    for value in entered:
        if value not in text:
            continue
        if value.isascii():
            # Whole words only: a stored "edit" must not eat into "editing".
            text = re.sub(rf"(?<![A-Za-z]){re.escape(value)}(?![A-Za-z])", " ", text)
        else:
            text = text.replace(value, " ")
    return text


def foreign(text: str, language: str, entered: list[str]) -> str:
    """What of `text` is not in `language`, once the data is taken out."""
    text = MASKED.sub(" ", without_data(text, entered))
    if " ".join(re.sub(r"\d+", " ", text).split()) in UNMARKED_IN_WAGTAIL:
        return ""
    if language == "en":
        # An example of what to type into a Chinese field is data too.
        text = EXAMPLE.sub("", text)
        return " ".join(text.split()) if HAN.search(text) else ""
    words = [
        word
        for chunk in text.split()
        if not CODE_LIKE.search(chunk)
        for word in WORD.findall(chunk)
        if word not in PROPER_NAMES and not word.isupper()
    ]
    return " ".join(text.split()) if words else ""


def screens(client: Client) -> tuple[dict[str, str], list[str]]:
    """Every admin screen the menu leads to: {url: its menu label}, and the
    menu labels themselves."""
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    parser = ScreenText()
    parser.feed(dashboard.content.decode())
    entries = menu_entries(parser.sidebar)
    urls = {}
    for label, url in entries:
        if url.startswith("/admin/") and "logout" not in url:
            urls[urlsplit(url).path] = label
    return urls, [label for label, _url in entries]


def page_forms() -> list[tuple[str, str]]:
    """The edit form of one page of each type (each type's fields and help)."""
    firsts = (
        Page.objects.exclude(depth=1)
        .values("content_type")
        .annotate(first=Min("pk"))
        .values_list("first", flat=True)
    )
    return [(f"/admin/pages/{pk}/edit/", "page form") for pk in sorted(firsts)]


def walk_admin(client: Client, language: str) -> dict[str, list[str]]:
    """{screen: [foreign texts]} over the menu, each listing and its first
    add form, edit form and detail screen."""
    entered = entered_texts() + frozen_by_wagtail()
    entered.sort(key=len, reverse=True)
    found: dict[str, list[str]] = {}

    def check(where: str, texts) -> None:
        bad = sorted({b for t in texts if (b := foreign(t, language, entered))})
        if bad:
            found[where] = bad

    urls, labels = screens(client)
    check("admin menu", labels)
    seen = set()
    queue = [
        ("/admin/", "dashboard"),
        *urls.items(),
        *page_forms(),
        *workflow_screens(),
    ]
    for url, _label in queue:
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or "html" not in response["Content-Type"]:
            continue
        parser = ScreenText()
        parser.feed(response.content.decode())
        check(url, parser.texts)
        if url in urls:
            forms = {}
            detail = re.compile(rf"^{re.escape(url)}(inspect/)?\d+/$")
            for link in parser.links:
                path = urlsplit(link).path
                kind = "add" if re.search(r"/(add|create|new)/$", path) else "edit"
                if detail.match(path):
                    kind = "detail"
                elif not EDIT_LINK.match(path):
                    continue
                forms.setdefault(kind, path)
            queue.extend((path, kind) for kind, path in forms.items())
    return found


def give_work(user, city: City) -> None:
    """A page the user locked, and a page and a snippet the user sent into their
    workflows, so that the dashboard shows its panels of locked pages and of work
    in a workflow, and the edit forms their workflow status."""
    locked = city.notice["A"]
    locked.locked, locked.locked_by, locked.locked_at = True, user, timezone.now()
    locked.save(update_fields=["locked", "locked_by", "locked_at"])
    for obj in (city.notice["draft"], city.duty["A"]):
        workflow = obj.get_workflow()
        if workflow is not None:
            obj.save_revision(user=user)
            workflow.start(obj, user)


def workflow_screens() -> list[tuple[str, str]]:
    """The edit form, the workflow history and its detail of everything in a
    workflow: each names the workflow and its tasks."""
    found = []
    for state in WorkflowState.objects.filter(status="in_progress"):
        obj = state.content_object
        if isinstance(obj, Page):
            edit = reverse("wagtailadmin_pages:edit", args=[obj.pk])
            history = reverse("wagtailadmin_pages:workflow_history", args=[obj.pk])
            detail = reverse(
                "wagtailadmin_pages:workflow_history_detail", args=[obj.pk, state.pk]
            )
        else:
            viewset = obj.snippet_viewset
            edit = reverse(viewset.get_url_name("edit"), args=[obj.pk])
            history = reverse(viewset.get_url_name("workflow_history"), args=[obj.pk])
            detail = reverse(
                viewset.get_url_name("workflow_history_detail"),
                args=[obj.pk, state.pk],
            )
        found += [(edit, "edit form"), (history, "history"), (detail, "history")]
    return found


def admin_client(user, language: str) -> Client:
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("role", ["administrator", "station_staff"])
def test_every_admin_screen_speaks_only_its_users_language(
    city: City, role: str, language: str
):
    area = city.directory if role == "administrator" else city.a
    user = role_user(role, area, username=f"lang-{role}-{language}")
    give_work(user, city)
    found = walk_admin(admin_client(user, language), language)
    assert found == {}, json.dumps(found, ensure_ascii=False, indent=1)


def test_a_refused_form_and_the_menu_read_in_chinese(city: City):
    """An invalid form says so and offers "go to the first error" in Chinese; the
    menu's pages and Wagtail's reports keep their own words (页面, 报告), not the
    portal's pagination and residents' reports."""
    user = role_user("administrator", city.directory, username="lang-form")
    client = admin_client(user, "zh-hans")
    response = client.post("/admin/snippets/portal/holiday/add/", {"name": ""})
    body = response.content.decode()
    assert response.status_code == 200
    assert "转到第一个错误" in body
    assert "Go to the first error" not in body
    _urls, labels = screens(client)
    assert "页面" in labels
    assert "报告" in labels
    assert "分页" not in labels
