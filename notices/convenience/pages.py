"""The convenience map page (便民地图): one page whose addresses are the city's
districts' maps and each point's own page (Wagtail's routable pages)."""

from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from home.models import IntroPage
from portal import params  # noqa: F401  (registers the `id` path converter)


class ConvenienceMapPage(RoutablePageMixin, IntroPage):
    """The convenience map: toilets, rest stops, vending points… by district."""

    template = "notices/convenience_index.html"
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("convenience map")
        verbose_name_plural = _("convenience maps")

    def get_context(self, request, *args, **kwargs):
        from notices.convenience.views import index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(index_context(request, self))
        return context

    @path("")
    def index(self, request):
        return self.render(request)

    @path("point/<id:point_id>/", name="point")
    def point(self, request, point_id):
        from notices.convenience.views import point_page

        return point_page(request, self, point_id)

    @path("<slug:district>/", name="district")
    def district(self, request, district):
        from notices.convenience.views import district_map

        return district_map(request, self, district)

    def get_sitemap_urls(self, request=None):
        """The map page, each district's map and each point's page."""
        from notices.convenience.views import sitemap_entries

        return [*super().get_sitemap_urls(request), *sitemap_entries(self, request)]
