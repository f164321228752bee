"""Production: all from the environment; refuses to start without the essentials."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, env_list


def required(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"{name} must be set in the environment for production "
            f"(see README, 'Configuration')."
        )
    return value


DEBUG = False
SECRET_KEY = required("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    required("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# TLS terminates at the reverse proxy, which sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SCHEME = "https"

# A trial of the production settings over plain http on this machine (a browser sends
# no Secure cookie back over http, so every form would fail its CSRF check): no TLS
# redirect, no HSTS, cookies without Secure. Only for loopback host names, so that it
# can never serve a real audience.
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
PORTAL_PLAIN_HTTP_TRIAL = env_bool("PORTAL_PLAIN_HTTP_TRIAL", False)
if PORTAL_PLAIN_HTTP_TRIAL:
    if not set(ALLOWED_HOSTS) <= LOOPBACK_HOSTS:
        raise ImproperlyConfigured(
            "PORTAL_PLAIN_HTTP_TRIAL is only for a trial on this machine: "
            "ALLOWED_HOSTS may then name only 127.0.0.1, localhost or ::1, not "
            f"{', '.join(sorted(set(ALLOWED_HOSTS) - LOOPBACK_HOSTS))}."
        )
    SECURE_SSL_REDIRECT = False
    SECURE_HSTS_SECONDS = 0
    SESSION_COOKIE_SECURE = False
    CSRF_COOKIE_SECURE = False
    LANGUAGE_COOKIE_SECURE = False
    SCHEME = "http"

WAGTAILADMIN_BASE_URL = os.environ.get(
    "WAGTAILADMIN_BASE_URL", f"{SCHEME}://{ALLOWED_HOSTS[0]}"
)
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL

# Background work (messages, alerts, reminders) runs in `manage.py db_worker`, not in
# the request: the database backend unless TASKS_BACKEND names another.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")
    }
}

# Mail comes from the site's own domain unless told otherwise, never from localhost.
DEFAULT_FROM_EMAIL = (
    os.environ.get("DEFAULT_FROM_EMAIL") or f"noreply@{ALLOWED_HOSTS[0]}"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Staff must set up 2-step verification before using the admin (README, "Roles and
# sign-in"); a deployment may turn this off while it introduces the apps.
PORTAL_STAFF_2FA_REQUIRED = env_bool("PORTAL_STAFF_2FA_REQUIRED", True)
