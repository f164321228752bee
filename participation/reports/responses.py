"""How the resident's report pages answer: pages and photos of one report are private
(never cached, never indexed); photos are served as the JPEG they were re-encoded to."""

from django.http import FileResponse, Http404, HttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control

from participation.reports.models import ReportPhoto


def private(response: HttpResponse) -> HttpResponse:
    """Pages with a resident's report: never cached, never indexed."""
    add_never_cache_headers(response)
    response["Cache-Control"] += ", private"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def serve_photo(photo: ReportPhoto, private_photo: bool) -> HttpResponse:
    try:
        handle = photo.file.open("rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404 from error
    response = FileResponse(handle, content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    if private_photo:
        private(response)
    else:
        patch_cache_control(response, public=True, max_age=3600)
    return response
