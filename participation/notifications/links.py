"""Absolute addresses in messages: the default Site's host name, else
settings.WAGTAILADMIN_BASE_URL (messages leave the request, so they cannot use its
host)."""

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Site

LOCAL_HOSTS = {"localhost", "127.0.0.1", "testserver", ""}


def site_root() -> str:
    base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    site = Site.objects.filter(is_default_site=True).only("hostname", "port").first()
    if site is None or site.hostname in LOCAL_HOSTS:
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    scheme = base.scheme or "https"
    port = "" if site.port in (80, 443) else f":{site.port}"
    return f"{scheme}://{site.hostname}{port}"


def absolute_url(path: str) -> str:
    """A path on the site as a full address, for a message sent by mail or SMS."""
    return site_root() + path
