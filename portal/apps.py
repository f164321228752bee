from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self) -> None:
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from portal import cache, search, search_index
        from portal.models import SearchDocument

        page_published.connect(search_index.on_page_published)
        page_unpublished.connect(search_index.on_page_unpublished)
        post_page_move.connect(search_index.on_page_moved)
        post_save.connect(search_index.on_saved)
        post_delete.connect(search_index.on_deleted)
        post_save.connect(search.index_changed, sender=SearchDocument)
        post_delete.connect(search.index_changed, sender=SearchDocument)
        cache.connect_signals()

        from portal import audit

        audit.connect_signals()

        from portal import roles

        post_migrate.connect(roles.sync_roles_after_migrate, sender=self)

        import datetime as dt

        from portal.scheduler import register

        # Scheduled notices, batches and expiries (Wagtail's own command).
        register(
            "publish-scheduled", "publish_scheduled", every=dt.timedelta(minutes=5)
        )
        # Registers the `<id:…>` path converter before any URL module is read.
        from portal import params  # noqa: F401
