from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home import demo
from home.models import BureauIdentity
from portal import extensions


class BureauIdentityViewSet(SnippetViewSet):
    model = BureauIdentity
    icon = "site"
    menu_label = _("Bureau identity")
    add_to_settings_menu = True
    list_display = ["name", "hotline", "locale"]


register_snippet(BureauIdentityViewSet)

# What portal asks of home (portal/extensions.py): the identity every page shows,
# and the first demo step (the home pages everything else hangs under).
hooks.register(extensions.SITE_IDENTITY, BureauIdentity.for_active_language)
hooks.register(extensions.DEMO_LOADERS, demo.load, order=0)
