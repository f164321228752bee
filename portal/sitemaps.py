"""The sitemap: every live, public page of the site in each of its languages, at the
address the request came to.

Wagtail's own sitemap lists the pages under the site's root page only, which with
wagtail-localize is the Chinese tree (the English home page is that root's
translation, a sibling), and writes each address with the Site record's host name,
which on a fresh install is "localhost" whatever host served the request.
"""

from urllib.parse import urlsplit, urlunsplit

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class PortalSitemap(Sitemap):
    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        under_a_root = Q()
        for root in roots:
            under_a_root |= Q(path__startswith=root.path)
        return (
            Page.objects.live()
            .public()
            .filter(under_a_root)
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            url["location"] = self.on_request_host(url["location"])
        return urls

    def on_request_host(self, location: str) -> str:
        """`location` with the scheme and host of the request (a host Django has
        already checked against ALLOWED_HOSTS)."""
        if self.request is None:
            return location
        parts = urlsplit(location)
        return urlunsplit((self.request.scheme, self.request.get_host(), *parts[2:]))
