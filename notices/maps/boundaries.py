"""Where each district, subdistrict and community ends: a polygon per area.

Stored apart from the pages, one row per area keyed to the page's `translation_key`
(shared by every translation), rather than as a field on the pages:
- one geometry whatever the number of languages, with nothing to keep in sync;
- an import of 630 boundaries is one transaction of plain rows, not 1,260 page
  revisions waiting in the bureau's two-step approval (a boundary is surveyed data,
  not editorial copy);
- page revisions stay small (a boundary can be tens of kilobytes) and routing reads
  one table, not the page tree.
Saving a row moves the content generation (portal/cache.py) like any public record,
so remembered maps and routing geometry are rebuilt on their next use.

Geometries are GeoJSON Polygon or MultiPolygon objects in WGS-84 (GPS), in GeoJSON's
[longitude, latitude] order.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AreaLevel(models.TextChoices):
    DISTRICT = "district", _("District")
    SUBDISTRICT = "subdistrict", _("Subdistrict")
    COMMUNITY = "community", _("Community")


class AreaBoundary(models.Model):
    """一个区域的边界: the polygon of a district, subdistrict or community page."""

    area_key = models.UUIDField(
        _("area"),
        unique=True,
        help_text="translation_key of the district, subdistrict or community page.",
    )
    level = models.CharField(_("level"), max_length=12, choices=AreaLevel.choices)
    geometry = models.JSONField(
        _("boundary"), help_text="GeoJSON Polygon or MultiPolygon, WGS-84."
    )
    # Subdistricts' and districts' boundaries are the union of their communities'.
    derived = models.BooleanField(_("joined from its communities"), default=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("area boundary")
        verbose_name_plural = _("area boundaries")

    def __str__(self) -> str:
        return f"{self.level} {self.area_key}"
