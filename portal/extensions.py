"""Where the apps plug into portal: named Wagtail hooks, and the helpers that ask them.

Imports run one way, participation → notices → home → portal, so portal never
imports an app. What portal shows or runs on an app's behalf, the app registers in
its `wagtail_hooks.py` with `wagtail.hooks.register(NAME, fn)`; portal collects the
functions with `wagtail.hooks.get_hooks(NAME)` (which loads every app's
`wagtail_hooks.py` first), in the hooks' `order`.

=======================  =========================================================
hook                     fn and who registers it
=======================  =========================================================
YOUR_WORK_ITEMS          fn(user) -> Iterable[WorkItem]: rows of the admin home's
                         "Your work" panel (participation: registrations,
                         volunteers, agenda proposals)
DEMO_LOADERS             fn(stdout_write) -> None: one step of `load_demo_data`,
                         idempotent, run in `order` (home 0, notices 10-13,
                         participation 20-21)
SITE_IDENTITY            fn() -> object | None: the bureau's identity in the active
                         language, for every page's header and footer (home)
AFTER_SYNC_ROLES         fn() -> str: re-applies grants an app keeps on top of
                         the role groups, after `sync_roles`; returns what it did
                         for the command's output (notices: area assignments)
MAIN_MENU_ENTRIES        fn() -> Iterable[MenuEntry]: the site's features that
                         are views, not pages, in the main menu beside the home
                         page's children (participation: report, volunteers,
                         roundtables, open data)
FOOTER_ENTRIES           fn() -> Iterable[MenuEntry]: features every page's footer
                         links to (participation: 查询进度, a lost link sent again)
METHOD_SPLIT             fn(months) -> MethodSplit | None: the 721 method's split of
                         the last `months` months, computed from the reports, for
                         the home page's figures (participation)
=======================  =========================================================
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from wagtail import hooks

YOUR_WORK_ITEMS = "portal_your_work_items"
DEMO_LOADERS = "portal_demo_loaders"
SITE_IDENTITY = "portal_site_identity"
AFTER_SYNC_ROLES = "portal_after_sync_roles"
MAIN_MENU_ENTRIES = "portal_main_menu_entries"
FOOTER_ENTRIES = "portal_footer_entries"
METHOD_SPLIT = "portal_method_split"


@dataclass
class WorkItem:
    """One row of the "Your work" panel: what waits, how many, where to work on it."""

    label: str
    count: int
    url: str


@dataclass
class MenuEntry:
    """A feature in the main menu: its label (lazily translated), the URL name of
    its page (reversed in the reader's language) and its place. The home page's
    children take places 10, 20, 30… in the order of the page tree."""

    label: object
    url_name: str
    order: int


@dataclass
class MethodSplit:
    """The 721 method measured: (label, percent, count) per mode in the method's
    order, how many reports, the period (first and last day) they were received in,
    and where the full statistics are."""

    rows: list[tuple[str, int | None, int]]
    total: int
    first_day: object
    last_day: object
    url: str


def method_split(months: int) -> MethodSplit | None:
    """The first registered split that answers, None when no app provides one."""
    for fn in hooks.get_hooks(METHOD_SPLIT):
        found = fn(months)
        if found is not None:
            return found
    return None


def menu_entries_of(hook: str) -> list[MenuEntry]:
    """Every entry the apps register under `hook`, in their places."""
    entries = [entry for fn in hooks.get_hooks(hook) for entry in fn()]
    return sorted(entries, key=lambda entry: entry.order)


def main_menu_entries() -> list[MenuEntry]:
    return menu_entries_of(MAIN_MENU_ENTRIES)


def footer_entries() -> list[MenuEntry]:
    return menu_entries_of(FOOTER_ENTRIES)


def your_work_items(user) -> list[WorkItem]:
    items: list[WorkItem] = []
    for fn in hooks.get_hooks(YOUR_WORK_ITEMS):
        items.extend(fn(user))
    return items


def demo_loaders() -> list[Callable[[Callable[[str], None]], None]]:
    return list(hooks.get_hooks(DEMO_LOADERS))


def site_identity() -> object | None:
    """The first registered identity that answers, None when no app provides one."""
    for fn in hooks.get_hooks(SITE_IDENTITY):
        identity = fn()
        if identity is not None:
            return identity
    return None


def after_sync_roles() -> Iterable[str]:
    return [fn() for fn in hooks.get_hooks(AFTER_SYNC_ROLES)]
