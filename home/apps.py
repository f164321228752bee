from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Home and site identity")

    def ready(self) -> None:
        import home.search_providers  # noqa: F401  (registers search providers)
