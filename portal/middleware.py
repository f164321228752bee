"""Content-Security-Policy: strict on public pages, relaxed only where Wagtail's admin
still needs it; admin `?locale=` and choosers' ids checked; the admin in its
user's language."""

import re
from functools import lru_cache

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.users.models import UserProfile

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


class AdminLocaleMiddleware:
    """Wagtail's admin views for translatable models look `?locale=` up in the
    database as it came (LocaleMixin.get_locale), and PostgreSQL refuses a NUL byte
    in any text it is asked to compare: a server error. No language code holds one,
    so on admin addresses such a `locale` is a 400 here, in the user's language,
    naming the parameter. (Our own views check their parameters: portal.params.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        try:
            admin = reverse("wagtailadmin_home")
        except NoReverseMatch:  # an address book without the admin
            return None
        if not request.path.startswith(admin):
            return None
        if any("\x00" in value for value in request.GET.getlist("locale")):
            message = f"locale: {gettext('Null characters are not allowed.')}"
            return bad_request(request, BadParameters([message]))
        return None


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


class AdminLanguageMiddleware:
    """The whole admin request in the user's own admin language.

    Wagtail runs each admin view in the user's preferred language but writes some
    messages after leaving it: "you do not have permission" comes out in the
    server's language (Chinese) for an English user. Activated here, for every
    request to the admin by a signed-in user who chose a language, it holds for
    the whole request, messages included."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = self.preferred_language(request)
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)

    @staticmethod
    def preferred_language(request) -> str:
        if not request.path_info.startswith(settings.ADMIN_URL_PREFIXES):
            return ""
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return ""
        # The same profile Wagtail reads next (cached on the user): no extra query.
        try:
            return user.wagtail_userprofile.preferred_language
        except UserProfile.DoesNotExist:
            return ""
