from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.models import BureauIdentity


class BureauIdentityViewSet(SnippetViewSet):
    model = BureauIdentity
    icon = "site"
    menu_label = _("Bureau identity")
    add_to_settings_menu = True
    list_display = ["name", "hotline", "locale"]


register_snippet(BureauIdentityViewSet)
