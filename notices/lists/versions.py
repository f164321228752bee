"""Every publication of a duty list or lenient catalogue, kept as a plain snapshot.

Wagtail keeps page revisions too, but `purge_revisions` may delete old ones and their
format follows the models; a snapshot taken at publication is what residents saw then,
and the public "what changed" page compares any two of them (notices/lists/changes.py).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.signals import page_published


class ListVersion(models.Model):
    """One publication of a list page: its number, time and content."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("page"),
    )
    number = models.PositiveIntegerField(_("version"))
    published_at = models.DateTimeField(_("published at"))
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revision"),
    )
    snapshot = models.JSONField(_("content"))

    class Meta:
        ordering = ["page", "number"]
        verbose_name = _("published version")
        verbose_name_plural = _("published versions")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "number"], name="unique_list_version_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.page_id} v{self.number}"


def _record(sender, instance, revision=None, **kwargs) -> None:
    from notices.lists.changes import record_version, tracks

    if tracks(instance):
        record_version(instance, revision)


page_published.connect(_record, dispatch_uid="notices.list_versions")
