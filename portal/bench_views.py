"""The benchmark's yardstick: the smallest Django view on the same stack.

Mounted at /bench/hello/ only when PORTAL_BENCH is set (bench/run.py sets it), so a
deployment never serves it. Its rate, next to a static file's, is what the portal's
pages are compared with in bench/REPORT.md.
"""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache


@never_cache
def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse("Hello, world\n", content_type="text/plain; charset=utf-8")
