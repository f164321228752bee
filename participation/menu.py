"""Residents' features in the site's main menu (portal.extensions.MAIN_MENU_ENTRIES):
reporting a problem beside the station directory, then volunteering, roundtables
and the open report statistics after the published pages; and in every page's
footer (FOOTER_ENTRIES), 查询进度, where a lost private link is sent again (the
menu keeps its nine entries: the report pages link it beside their heading)."""

from django.utils.translation import pgettext_lazy

from portal.extensions import MenuEntry


def menu_entries() -> list[MenuEntry]:
    return [
        MenuEntry(
            pgettext_lazy("menu", "Report a problem"), "participation:report_form", 15
        ),
        MenuEntry(
            pgettext_lazy("menu", "Volunteer"), "participation:volunteer_signup", 100
        ),
        MenuEntry(
            pgettext_lazy("menu", "Roundtables"), "participation:roundtable_index", 110
        ),
        MenuEntry(
            pgettext_lazy("menu", "Open data"), "participation:report_statistics", 120
        ),
    ]


def footer_entries() -> list[MenuEntry]:
    return [
        MenuEntry(pgettext_lazy("menu", "Track progress"), "participation:lookup", 10),
        MenuEntry(
            pgettext_lazy("menu", "Station ranking"), "participation:ranking", 20
        ),
    ]
