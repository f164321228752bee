"""The benchmark's URLconf: the portal's addresses plus the hello-world yardstick."""

from django.urls import path

from bench.hello import hello
from portal.urls import handler404, handler500  # noqa: F401  (the same error pages)
from portal.urls import urlpatterns as portal_urlpatterns

urlpatterns = [path("bench/hello/", hello), *portal_urlpatterns]
