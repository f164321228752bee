"""The station directory's pages above the communities: the directory itself ("find
my station"), then District (区/县) → Subdistrict (街道) → CommunityPage."""

from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from home.models import IntroPage
from notices.stations.community import CommunityPage
from notices.stations.moving import MovedByAddersPage
from notices.stations.pinyin import build_search_terms


class StationIndexPage(MovedByAddersPage, RoutablePageMixin, IntroPage):
    """The directory of all stations ("find my station"), parent of the districts."""

    template = "notices/station_index_page.html"
    parent_page_types = ["home.HomePage"]
    subpage_types = ["notices.DistrictPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("station directory")
        verbose_name_plural = _("station directories")

    def get_context(self, request, *args, **kwargs):
        from notices.stations.views import directory_context

        context = super().get_context(request, *args, **kwargs)
        context.update(directory_context(request, self))
        return context

    @path("map/")
    def map(self, request):
        from notices.stations.views import station_map

        return station_map(request, self)


class DistrictPage(MovedByAddersPage, IntroPage):
    """A district (区/县) grouping its subdistricts' stations."""

    template = "notices/district_page.html"
    parent_page_types = ["notices.StationIndexPage"]
    subpage_types = ["notices.SubdistrictPage"]

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def get_context(self, request, *args, **kwargs):
        from notices.stations.views import district_context

        context = super().get_context(request, *args, **kwargs)
        context.update(district_context(self, request))
        return context


class SubdistrictPage(MovedByAddersPage, IntroPage):
    """A subdistrict (街道) grouping its communities' stations."""

    template = "notices/subdistrict_page.html"
    parent_page_types = ["notices.DistrictPage"]
    subpage_types = ["notices.CommunityPage"]

    class Meta:
        verbose_name = _("subdistrict")
        verbose_name_plural = _("subdistricts")

    def get_context(self, request, *args, **kwargs):
        from notices.stations.views import subdistrict_context

        context = super().get_context(request, *args, **kwargs)
        context.update(subdistrict_context(self, request))
        return context

    def save(self, *args, **kwargs):
        result = super().save(*args, **kwargs)
        if self.pk and self.path:
            self.refresh_community_search_terms()
        return result

    def refresh_community_search_terms(self) -> None:
        """Communities are found by their subdistrict's name too: keep that current."""
        for community in CommunityPage.objects.child_of(self).only(
            "title", "station_name", "search_terms"
        ):
            terms = build_search_terms(
                community.title, community.station_name, self.title
            )
            if terms != community.search_terms:
                CommunityPage.objects.filter(pk=community.pk).update(search_terms=terms)
