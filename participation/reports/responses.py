"""How a report's photos are served: as the JPEG they were re-encoded to, private
(never cached, never indexed) on the resident's tracking page."""

from django.http import FileResponse, Http404, HttpResponse
from django.utils.cache import patch_cache_control

from participation.reports.models import ReportPhoto
from participation.resident_pages import private


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
