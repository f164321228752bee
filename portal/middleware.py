"""Content-Security-Policy: strict on public pages, relaxed only where Wagtail's admin
still needs it."""

import re
from functools import lru_cache

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


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
