"""The station directory: District → Subdistrict (街道) → Community station."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index


class StationIndexPage(Page):
    """The directory of all stations ("find my station"), parent of the districts."""

    intro = models.TextField(_("introduction"), max_length=400, blank=True)

    template = "notices/station_index_page.html"
    parent_page_types = ["home.HomePage"]
    subpage_types = ["notices.DistrictPage"]
    max_count_per_parent = 1

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("station directory")
        verbose_name_plural = _("station directories")


class DistrictPage(Page):
    """A district (区/县) grouping its subdistricts' stations."""

    intro = models.TextField(_("introduction"), max_length=400, blank=True)

    template = "notices/district_page.html"
    parent_page_types = ["notices.StationIndexPage"]
    subpage_types = ["notices.SubdistrictPage"]

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")


class SubdistrictPage(Page):
    """A subdistrict (街道) grouping its communities' stations."""

    intro = models.TextField(_("introduction"), max_length=400, blank=True)

    template = "notices/subdistrict_page.html"
    parent_page_types = ["notices.DistrictPage"]
    subpage_types = ["notices.CommunityPage"]

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("subdistrict")
        verbose_name_plural = _("subdistricts")


class CommunityPage(Page):
    """A community (社区) and its city-management station: contacts, hours, staff."""

    station_name = models.CharField(_("station name"), max_length=120, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)

    template = "notices/community_page.html"
    parent_page_types = ["notices.SubdistrictPage"]
    subpage_types: list[str] = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("station_name"),
        FieldPanel("address"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("station_name"),
        index.SearchField("address"),
    ]

    class Meta:
        verbose_name = _("community station")
        verbose_name_plural = _("community stations")
