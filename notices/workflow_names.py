"""Workflow and task names in the admin user's language.

Names are stored as English msgids (portal/roles.py, translated in portal/locale), and
Wagtail prints the stored name in its Submit button ("Submit to %(workflow_name)s").
These action-menu items print it translated; notices/wagtail_hooks.py swaps them in.
"""

from wagtail.admin import action_menu as page_menu
from wagtail.snippets import action_menu as snippet_menu

from portal.roles import display_names_in as translate_names


class PageSubmitMenuItem(page_menu.SubmitForModerationMenuItem):
    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["label"] = translate_names(str(context["label"]))
        return context


class SnippetSubmitMenuItem(snippet_menu.SubmitForModerationMenuItem):
    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["label"] = translate_names(str(context["label"]))
        return context


def translate_submit_item(menu_items: list) -> None:
    """Replace Wagtail's Submit item in an action menu by the translating one."""
    for index, item in enumerate(menu_items):
        if type(item) is page_menu.SubmitForModerationMenuItem:
            menu_items[index] = PageSubmitMenuItem(order=item.order)
        elif type(item) is snippet_menu.SubmitForModerationMenuItem:
            menu_items[index] = SnippetSubmitMenuItem(order=item.order)
