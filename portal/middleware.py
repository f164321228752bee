"""Content-Security-Policy: strict on public pages, relaxed only where Wagtail's admin
still needs it."""

import re
from functools import lru_cache

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings

from portal.params import (
    BadParameters,
    IdListField,
    ParamsForm,
    bad_request,
    read_params,
)


class PortalCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        path = request.path_info
        if (
            not report_only
            and path.startswith(settings.ADMIN_URL_PREFIXES)
            and not strict_admin_path(path)
        ):
            parts.update = {**(parts.update or {}), **settings.ADMIN_CSP_UPDATE}
            parts.replace = {**(parts.replace or {}), **settings.ADMIN_CSP_REPLACE}
        return parts


@lru_cache(maxsize=1)
def _strict_patterns(patterns: tuple[str, ...]) -> list[re.Pattern]:
    return [re.compile(pattern) for pattern in patterns]


def strict_admin_path(path: str) -> bool:
    """Admin screens that work without inline script or style (issue 8)."""
    patterns = _strict_patterns(tuple(getattr(settings, "ADMIN_CSP_STRICT_PATHS", ())))
    return any(pattern.match(path) for pattern in patterns)


class ChosenIdsParams(ParamsForm):
    id = IdListField()


class ChooserIdsMiddleware:
    """Wagtail's choosers answer "chosen-multiple" by handing every `?id=` to the
    database as it came, so "nan" or "²" ends in a server error. The ids are checked
    here, in front of Wagtail's view, as every view of ours checks its parameters
    (portal.params): anything that is not a database id is a 400."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or not (match.url_name or "").endswith("chosen_multiple"):
            return None
        try:
            read_params(ChosenIdsParams, request.GET)
        except BadParameters as error:
            return bad_request(request, error)
        return None
