"""The benchmark's yardstick: the smallest Django view on the same stack.

Only the benchmark serves it: bench/run.py starts the site with
DJANGO_SETTINGS_MODULE=bench.settings, whose URLconf (bench/urls.py) adds
/bench/hello/ in front of the portal's own addresses, so a deployment never has it.
Its rate, next to a static file's, is what the portal's pages are compared with in
bench/REPORT.md.
"""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache


@never_cache
def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse("Hello, world\n", content_type="text/plain; charset=utf-8")
