"""Content-Security-Policy: strict on public pages, relaxed only where Wagtail's admin
still needs it."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


class PortalCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(
            settings.ADMIN_URL_PREFIXES
        ):
            parts.update = {**(parts.update or {}), **settings.ADMIN_CSP_UPDATE}
        return parts
