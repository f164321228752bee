from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "participation"
    verbose_name = _("What residents send in")

    def ready(self):
        from participation import signals

        signals.connect()
