"""What the load tool needs to act like real visitors (`generate_city.py
credentials`), and the SQL queries each address runs (`generate_city.py queries`)."""

import argparse
import json
import time
from datetime import datetime
from pathlib import Path

from server import say

BENCH_STAFF_USERNAME = "bench-moderator"


def staff_session() -> dict:
    """A signed-in moderator who passed 2-step verification, as a session cookie."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user, _created = get_user_model().objects.get_or_create(
        username=BENCH_STAFF_USERNAME,
        defaults={"is_staff": True, "is_superuser": True, "email": "bench@localhost"},
    )
    user.set_unusable_password()  # reachable only through this session
    user.save()
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return {"name": settings.SESSION_COOKIE_NAME, "value": session.session_key}


def credentials(args: argparse.Namespace) -> None:
    from participation.abuse import form_token

    issued = time.time() - 60  # past the minimum fill time, far from the day's limit
    tokens_file = Path(args.out).with_suffix(".tokens")
    tokens_file.write_text(
        "".join(form_token(issued_at=issued) + "\n" for _ in range(args.tokens))
    )
    Path(args.out).write_text(
        json.dumps(
            {
                "session": staff_session(),
                "tokens_file": str(tokens_file),
                "issued_at": datetime.fromtimestamp(issued).isoformat(),
            }
        )
    )
    say(f"credentials: a staff session and {args.tokens} form tokens in {args.out}")


def count_queries(args: argparse.Namespace) -> None:
    """SQL queries of each address, viewed the second time (renditions made and
    site-wide lookups remembered), and viewed first after a content change (every
    remembered lookup built again: "cold"), as JSON on stdout."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from portal.lookups import forget_all

    client = Client(HTTP_HOST="127.0.0.1")
    if args.cookie:
        name, _sep, value = args.cookie.partition("=")
        client.cookies[name] = value
    counts = {}
    for url in args.urls:
        forget_all()
        with CaptureQueriesContext(connection) as cold:
            client.get(url)
        with CaptureQueriesContext(connection) as captured:
            status = client.get(url).status_code
        counts[url] = {
            "queries": len(captured),
            "cold_queries": len(cold),
            "status": status,
        }
    print(json.dumps(counts))  # noqa: T201
