"""Admin registrations for site-wide records (registration only)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.models import Holiday, SearchSynonym


class SearchSynonymViewSet(SnippetViewSet):
    model = SearchSynonym
    icon = "search"
    menu_label = _("Search synonyms")
    add_to_settings_menu = True
    list_display = ["term", "alternatives"]
    search_fields = ["term", "alternatives"]


register_snippet(SearchSynonymViewSet)


class HolidayViewSet(SnippetViewSet):
    """Public holidays and make-up working days: deadlines count working days."""

    model = Holiday
    icon = "date"
    menu_label = _("Holidays")
    add_to_settings_menu = True
    list_display = ["date", "kind", "name"]
    list_filter = ["kind"]
    search_fields = ["name"]


register_snippet(HolidayViewSet)
