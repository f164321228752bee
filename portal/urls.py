from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from portal import search_views, views
from portal.api import api_router
from portal.sitemaps import PortalSitemap

handler400 = "portal.params.bad_request"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("api/open311/v2/", include("participation.api.urls")),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"pages": PortalSitemap}},
        name="sitemap",
    ),
    path("", views.language_root, name="home_redirect"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    re_path(
        r"^display/(?P<mode>standard|elderly)/$",
        views.set_display_mode,
        name="display_mode",
    ),
    path("search/", search_views.search_view, name="search"),
    path("", include("notices.urls")),
    path("", include("participation.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
