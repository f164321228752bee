"""Tests: fast hasher, local-memory cache unless REDIS_URL is set, plain static storage,
immediate tasks, in-memory mail."""

import os
from urllib.parse import urlsplit

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key-not-for-production-0123456789abcdefghijklmnop"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = BASE_DIR / ".pytest_cache" / f"media-{os.getpid()}"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
WHITENOISE_AUTOREFRESH = True
# pytest -n N runs N worker processes (gw0, gw1, …) side by side.
XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if REDIS_URL and XDIST_WORKER:  # noqa: F405
    # Each test empties the cache, and django-redis empties a whole Redis database
    # (FLUSHDB, whatever the key prefix): each worker gets a database of its own,
    # the one REDIS_URL names plus the worker's number (gw1 of redis://…/6 uses 7).
    url = urlsplit(REDIS_URL)  # noqa: F405
    number = int(url.path.strip("/") or 0) + int(XDIST_WORKER.removeprefix("gw"))
    CACHES["default"]["LOCATION"] = url._replace(path=f"/{number}").geturl()  # noqa: F405
if not REDIS_URL:  # noqa: F405
    # Each process runs its tests alone: its own memory is a cache every part of it
    # shares (test workers of pytest -n do not share one).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "portal-tests",
        }
    }
PORTAL_PAGE_CACHE_SECONDS = 0  # tests of the cache turn it on
