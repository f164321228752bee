"""gunicorn's settings for the portal (deploy/systemd/portal-web.service starts it).

Read from the environment file, like the site's own settings: PORTAL_BIND (the address
nginx forwards to) and PORTAL_WEB_WORKERS (about two per core). The application is not
preloaded, so that `systemctl reload portal-web` (HUP) starts workers on the new code
while the old ones finish the requests they hold: a release drops no request.
"""

import multiprocessing
import os

wsgi_app = "portal.wsgi:application"
bind = os.environ.get("PORTAL_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("PORTAL_WEB_WORKERS", multiprocessing.cpu_count() * 2))
# Big station imports and photo uploads take time; a stuck worker is still replaced.
timeout = int(os.environ.get("PORTAL_WEB_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Workers are replaced now and then, so a slow leak never grows unbounded.
max_requests = 2000
max_requests_jitter = 200
preload_app = False
# Only nginx on this machine may say which scheme and client a request came with.
forwarded_allow_ips = os.environ.get("PORTAL_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("PORTAL_WEB_LOG_LEVEL", "info")
proc_name = "portal-web"
