"""Production settings with the benchmark's URLconf (bench/urls.py), for bench/run.py.

Run from the repository root (manage.py and gunicorn do), so `bench` is importable.
"""

from portal.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
