"""Settings shared by every environment.

Nothing here is a secret or a machine path: whatever differs between machines is read
from the environment (see README, "Configuration").
"""

import json
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from xstatic.pkg import leaflet as xstatic_leaflet

PORTAL_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PORTAL_DIR.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_rates(name: str, defaults: dict[str, str]) -> dict[str, str]:
    """Rate limits from the environment over the defaults: `report=10/m,default=60/m`
    (a count per second, minute, hour or day, for each client). A form name that does
    not exist or a rate that cannot be read stops the start, rather than leaving a
    form unprotected by a typing error."""
    rates = dict(defaults)
    for item in env_list(name):
        scope, _equals, rate = (part.strip() for part in item.partition("="))
        count, _slash, period = rate.partition("/")
        if scope not in defaults:
            raise ImproperlyConfigured(
                f"{name}: no rate-limited form is called {scope!r}; the names are "
                f"{', '.join(sorted(defaults))}."
            )
        if not (count.isdigit() and int(count) > 0 and period in {"s", "m", "h", "d"}):
            raise ImproperlyConfigured(
                f"{name}: {item!r} is not a rate such as {scope}=10/m "
                f"(a number of requests per s, m, h or d)."
            )
        rates[scope] = rate
    return rates


def env_list(name: str, default: str = "") -> list[str]:
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


INSTALLED_APPS = [
    "home",
    "notices",
    "participation",
    "portal",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.api.v2",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.sites",
    # Wagtail's users app with our group and user screens, which show role names
    # in the reader's language (portal/users_app.py).
    "portal.users_app.PortalUsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "crispy_forms",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Wagtail's admin says "3 minutes ago" with humanize's naturaltime; humanize's
    # own catalogue (its Chinese) loads only when the app is installed.
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # Django's own widget templates, found by the TemplatesSetting form renderer.
    "django.forms",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # The database task backend (its results table and `manage.py db_worker`);
    # used in production, installed everywhere so its tables always exist.
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Reads the content generation before anything reads content; the whole-page
    # cache (after the language and the host are known: both are in its key).
    "portal.page_cache.PageCacheMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "portal.two_factor.StaffVerificationMiddleware",
    "portal.middleware.AdminLanguageMiddleware",
    "portal.audit.AuditContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.middleware.PortalCSPMiddleware",
    "portal.middleware.AdminLocaleMiddleware",
    "portal.middleware.ChooserIdsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # A view that met the database down answers 503, not 500 (portal/outage.py);
    # low in the list, so that its process_exception is asked first.
    "portal.outage.DatabaseOutageMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PORTAL_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.display_mode",
            ],
        },
    },
]

# Forms are drawn with the templates above, so that the project's choice templates
# (portal/templates/django/forms/widgets/) show a stored workflow, task or group
# name in the reader's language wherever a form or filter offers one.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# Database: a SQLite file by default, else whatever DATABASE_URL names.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# A database that does not answer (its host gone, packets dropped) must not hold a
# worker for the system's TCP timeout (minutes): PostgreSQL gives up connecting after
# this many seconds unless DATABASE_URL sets its own (`?connect_timeout=10`). Pages
# then answer 503 at once and so does /healthz (portal/outage.py).
DB_CONNECT_TIMEOUT = 3
if "postgresql" in DATABASES["default"]["ENGINE"]:
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", DB_CONNECT_TIMEOUT
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache and sessions: Redis when REDIS_URL is set, else files in PORTAL_CACHE_DIR that
# every process on the machine shares (never a per-process cache behind several
# workers: a publish in one would not be seen by the others). The cache is an
# optimisation: Redis unreachable reads as cache misses (IGNORE_EXCEPTIONS, short
# timeouts) and the site answers from the database; django-redis logs the outage
# through portal.cache.OncePerInterval, once a minute per process.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "portal"),
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.25,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("PORTAL_CACHE_DIR", str(BASE_DIR / ".cache")),
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "portal"),
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "portal.cache.outage"
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Whole-page cache for anonymous readers (portal/page_cache.py); 0 turns it off.
PORTAL_PAGE_CACHE_SECONDS = int(os.environ.get("PORTAL_PAGE_CACHE_SECONDS", "600"))
PORTAL_PAGE_CACHE_EXCLUDED_PREFIXES = (
    "/admin/",
    "/api/",
    "/documents/",
    "/healthz",
)
PORTAL_PAGE_CACHE_EXCLUDED_PARTS = ("/track/", "/manage/", "/status/")

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": (
            "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
        )
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Staff sign-in (issue 8, see README "Roles and sign-in"). django-axes counts failed
# sign-ins per user name and client address and locks that pair out for a while;
# the client address is read the same way as the public forms' rate limits.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "portal.two_factor.sign_in_address"
AXES_LOCKOUT_CALLABLE = "portal.two_factor.lockout_response"
AXES_VERBOSE = False

# Only staff sign in, so every session is a staff session: it ends when the browser
# closes and at the latest after a working day.
SESSION_COOKIE_AGE = 8 * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# 2-step verification (portal/two_factor.py): any staff user may add an
# authenticator app; once they have, every admin session asks for its code. With
# PORTAL_STAFF_2FA_REQUIRED, staff without one are sent to set it up first.
PORTAL_STAFF_2FA_REQUIRED = env_bool("PORTAL_STAFF_2FA_REQUIRED", False)
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "城市管理进社区")

# Languages: Simplified Chinese first, English second; every public URL is prefixed.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [
    ("zh-hans", "简体中文"),
    ("en", "English"),
]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
# Approval publishes what the reviewers signed off, whatever their own page rights
# (only the review publishes the duty lists and the catalogue).
WAGTAIL_FINISH_WORKFLOW_ACTION = "portal.roles.publish_signed_off"
# The portal's own strings first; then Wagtail's admin strings that Wagtail's
# zh_Hans catalogue lacks (a directory makemessages never writes to).
LOCALE_PATHS = [PORTAL_DIR / "locale", PORTAL_DIR / "locale_wagtail"]
LANGUAGE_COOKIE_NAME = "portal_language"
USE_I18N = True
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True

# Static files and media. Leaflet (the station map) is served from the xstatic-leaflet
# package's files at /static/leaflet/: no CDN.
XSTATIC_LEAFLET_DIR = xstatic_leaflet.BASE_DIR
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static", ("leaflet", XSTATIC_LEAFLET_DIR)]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Media on S3-compatible object storage (several app servers share one bucket).
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "default_acl": None,
            "file_overwrite": False,
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", True),
        },
    }

# Email: console in development; SMTP from EMAIL_* where configured.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "noreply@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work through django-tasks, which Wagtail itself uses. Immediate by
# default (`make run` needs no worker); production uses the database backend and
# its worker (`manage.py db_worker`), or whatever TASKS_BACKEND names.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

# Security headers that hold everywhere; production adds the TLS-only ones.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Public pages allow nothing but the site itself: no inline script or style, no CDN.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# The station map's tiles (notices/stations/geo.py). Empty: no tiles, markers on a
# plain background, and no request leaves the site. A deployment that sets a tile URL
# such as https://{s}.tiles.example.cn/{z}/{x}/{y}.png gets that host allowed in
# img-src. PORTAL_MAP_COORDINATES is "gcj02" for mainland providers (AMap, Tencent)
# whose tiles are drawn in GCJ-02; stations are stored in WGS-84 and converted.
PORTAL_MAP_TILE_URL = os.environ.get("PORTAL_MAP_TILE_URL", "").strip()
PORTAL_MAP_TILE_ATTRIBUTION = os.environ.get("PORTAL_MAP_TILE_ATTRIBUTION", "")
PORTAL_MAP_COORDINATES = os.environ.get("PORTAL_MAP_COORDINATES", "wgs84").strip()


def tile_source(url: str) -> str:
    """The CSP source for a tile URL template ({s} subdomains become a wildcard)."""
    from urllib.parse import urlsplit

    parts = urlsplit(url.replace("{s}", "*"))
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        return ""
    return f"{parts.scheme}://{parts.netloc}"


if tile_source(PORTAL_MAP_TILE_URL):
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(
        tile_source(PORTAL_MAP_TILE_URL)
    )

# Public forms (participation/abuse.py): requests per client per second/minute/hour/
# day, counted in the cache (Redis in production, so across app servers), and the
# least time a person takes to fill in a form. PORTAL_PROXY_HOPS: how many reverse
# proxies append to X-Forwarded-For in front of the app (0: use REMOTE_ADDR).
# PORTAL_RATE_LIMITS in the environment changes any of them, e.g.
# `report=10/m,default=60/m` behind a shared NAT or for a load test.
PORTAL_RATE_LIMITS = env_rates(
    "PORTAL_RATE_LIMITS",
    {
        "default": "20/m",
        "report": "5/m",
        # 我也遇到了, and the form's list of reports nearby as the pin moves.
        "report_support": "5/m",
        "report_nearby": "30/m",
        "report_track": "20/m",
        "event_registration": "20/m",
        "open311": "60/m",
        "volunteer": "5/m",
        "volunteer_status": "20/m",
        "agenda": "5/m",
        # 查询进度: look-ups from one client, and of one reference from anywhere.
        "lookup": "10/h",
        "lookup_reference": "3/h",
        # 最美商户: nominations and votes from one client, codes sent to one number.
        "campaign_nominate": "5/m",
        "campaign_vote": "5/m",
        "campaign_code": "20/m",
        "campaign_phone": "3/h",
    },
)
PORTAL_FORM_MIN_SECONDS = 3
PORTAL_PROXY_HOPS = int(os.environ.get("PORTAL_PROXY_HOPS", "0"))

# Residents' reports (participation/reports/): contact data is deleted this many
# days after a report is closed.
PORTAL_REPORT_CONTACT_RETENTION_DAYS = 180

# Messages (participation/notifications/): texts go out through this SMS sender,
# each as a template the provider approved (the portal's message name -> the
# provider's template code, from PORTAL_SMS_TEMPLATES as JSON) with this signature.
PORTAL_SMS_BACKEND = os.environ.get(
    "PORTAL_SMS_BACKEND", "participation.notifications.sms.ConsoleSmsSender"
)
PORTAL_SMS_SIGNATURE = os.environ.get("PORTAL_SMS_SIGNATURE", "")
PORTAL_SMS_TEMPLATES = json.loads(os.environ.get("PORTAL_SMS_TEMPLATES") or "{}")
# A provider's sender (participation/notifications/providers.py) signs its requests
# with this access key; PORTAL_SMS_ENDPOINT reaches another endpoint than the
# provider's own; Tencent also needs its SmsSdkAppId and region.
PORTAL_SMS_ACCESS_KEY_ID = os.environ.get("PORTAL_SMS_ACCESS_KEY_ID", "")
PORTAL_SMS_ACCESS_KEY_SECRET = os.environ.get("PORTAL_SMS_ACCESS_KEY_SECRET", "")
PORTAL_SMS_ENDPOINT = os.environ.get("PORTAL_SMS_ENDPOINT", "")
PORTAL_SMS_APP_ID = os.environ.get("PORTAL_SMS_APP_ID", "")
PORTAL_SMS_REGION = os.environ.get("PORTAL_SMS_REGION", "ap-guangzhou")

# The admin's Content-Security-Policy (checked in Chromium with Wagtail 8.0.1, see
# README "Admin Content-Security-Policy"). Nothing outside the site is ever allowed:
# no Gravatar, no update check. Signing in, 2-step verification, the dashboard and
# the staff screens of reports, registrations, volunteers and roundtables get the
# public pages' strict policy. Wagtail's own editing and listing screens still need
# inline scripts (date pickers, choosers, inline panels are started by inline
# <script> in Wagtail's widget templates, and vendor.js runs the ones in cloned
# form templates) and inline <style> (injected by the rich-text editor), so those
# get 'unsafe-inline' for scripts and styles, blob: images (upload previews) and
# may be framed by the admin itself (previews).
ADMIN_URL_PREFIXES = ("/admin/",)
ADMIN_CSP_UPDATE = {
    "script-src": ["'unsafe-inline'"],
    "style-src": ["'unsafe-inline'"],
    "img-src": ["blob:"],
}
ADMIN_CSP_REPLACE = {"frame-ancestors": [SELF]}
ADMIN_CSP_STRICT_PATHS = (
    r"^/admin/$",
    r"^/admin/login/",
    r"^/admin/logout/",
    r"^/admin/password_reset/",
    r"^/admin/two-step/",
    r"^/admin/reports/(\d+/.*|bulk/|export\.csv)?$",
    r"^/admin/event-registrations/",
    r"^/admin/volunteers/",
    r"^/admin/roundtables/",
    r"^/admin/open311-keys/",
)
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# Wagtail.
WAGTAIL_SITE_NAME = os.environ.get("WAGTAIL_SITE_NAME", "城市管理进社区")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# The database backend, reading Chinese queries as site search does.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "portal.search_backend"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "heic"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Checked from the header before anything is decoded (portal/images.py, issue 22):
# 25 Mpx is a 24-megapixel camera's photo and decodes to about 100 MB.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 25_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "portal.images.PortalImageForm"
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_PASSWORD_RESET_ENABLED = env_bool("WAGTAIL_PASSWORD_RESET_ENABLED", True)
WAGTAILAPI_LIMIT_MAX = 50
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
# The Open311 API's OpenAPI document is generated from its views (drf-spectacular).
# The generator covers that API only (not Wagtail's pages API), so the deployment
# check's trial generation and `manage.py spectacular` describe what openapi.json
# serves; the view adds the servers entry from the request's host.
REST_FRAMEWORK = {"DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema"}
SPECTACULAR_SETTINGS = {
    "DEFAULT_GENERATOR_CLASS": "participation.api.generator.Open311SchemaGenerator",
    "TITLE": "Open311 GeoReport v2: city management in communities",
    "VERSION": "2.0",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENABLE_LIST_MECHANICS_ON_NON_2XX": True,
    "ENUM_NAME_OVERRIDES": {
        "ReportKindEnum": "participation.reports.models.ReportKind.choices"
    },
}

CRISPY_TEMPLATE_PACK = "portal"
CRISPY_ALLOWED_TEMPLATE_PACKS = ("portal",)

# Site identity defaults (editors override them in the admin).
PORTAL_ELDERLY_COOKIE = "portal_display"
PORTAL_DISPLAY_MODES = ("standard", "elderly")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "once_a_minute": {"()": "portal.cache.OncePerInterval", "seconds": 60},
        "database_once_a_minute": {
            "()": "portal.outage.OncePerIntervalDatabase",
            "seconds": 60,
        },
        "skip_unavailable": {"()": "portal.outage.SkipUnavailableAnswers"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        # A cache outage: one line a minute per process, not one per cache call.
        "portal.cache.outage": {
            "handlers": ["console"],
            "filters": ["once_a_minute"],
            "propagate": False,
        },
        # The database down: one line a minute per process, and no "Service
        # Unavailable" line from Django for each 503 it caused.
        "portal.outage.database": {
            "handlers": ["console"],
            "filters": ["database_once_a_minute"],
            "propagate": False,
        },
        "django.request": {"filters": ["skip_unavailable"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

ADMIN_LABEL = _("City management in communities")
