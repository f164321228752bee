from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "notices"
    verbose_name = _("What the bureau publishes")

    def ready(self) -> None:
        import notices.search_providers  # noqa: F401  (registers search providers)
