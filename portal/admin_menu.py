"""Menu items whose label the framework fixes once, in whatever language was active
when the menu was first built: wagtail-localize's "Translations" report (plain
gettext) and Wagtail's "What's new in Wagtail 8.0" help link (a lazy string
formatted at once). Menu items are built once per process, so without this an
English admin user sees them in Chinese, or a Chinese one in English, depending on
who asked first. Each is replaced, for the request, by the same item whose label is
read in the reader's language."""

from django.urls import reverse
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_lazy
from wagtail.admin.menu import DismissibleMenuItem, MenuItem

WHATS_NEW_PREFIX = "whats-new-in-wagtail-"


def _whats_new_label(version: str) -> str:
    return gettext("What's new in Wagtail %(version)s") % {"version": version}


whats_new_label = lazy(_whats_new_label, str)


def relabel_reports_menu(menu_items: list[MenuItem]) -> None:
    """The translations report under its name in the reader's language."""
    url = reverse("wagtail_localize:translations_report")
    for index, item in enumerate(menu_items):
        if item.url == url:
            menu_items[index] = MenuItem(
                gettext_lazy("Translations"),
                item.url,
                name=item.name,
                icon_name=item.icon_name,
                attrs=item.attrs,
                order=item.order,
            )


def relabel_help_menu(menu_items: list[MenuItem]) -> None:
    """Wagtail's "what's new" link under its name in the reader's language."""
    for index, item in enumerate(menu_items):
        if item.name.startswith(WHATS_NEW_PREFIX):
            version = item.name.removeprefix(WHATS_NEW_PREFIX)
            menu_items[index] = DismissibleMenuItem(
                whats_new_label(version),
                item.url,
                name=item.name,
                icon_name=item.icon_name,
                attrs={
                    key: value
                    for key, value in item.attrs.items()
                    if not key.startswith("data-w-dismissible")
                    and key != "data-controller"
                },
                order=item.order,
            )
