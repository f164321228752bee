"""The city's stack on 127.0.0.1 for the load benchmarks: its PostgreSQL database and
Redis, the demo data loaded once, and wrk (from Debian, never downloaded)."""

import os
import shutil
import socket
import subprocess

from server import manage, say, shell

POSTGRES = "postgres://postgres@127.0.0.1:5432"
DATABASE = "portal_bench"
REDIS_URL = "redis://127.0.0.1:6379/9"  # a database of its own: tests flush db 0
CACHE_PREFIX = "bench"


def port_open(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    except OSError:
        return False
    return True


def ensure_wrk() -> str:
    """wrk from Debian; installed with apt-get when we are root, never downloaded."""
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        say("wrk not found: installing the Debian package")
        subprocess.run(["apt-get", "update", "-qq"], check=False)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=False)
        found = shutil.which("wrk")
    if not found:
        raise SystemExit(
            "bench: wrk is missing. Install the Debian package first: "
            "`sudo apt-get install wrk` (then run `make bench` again)."
        )
    return found


def ensure_database(name: str = DATABASE) -> str:
    """The PostgreSQL database `name` on 127.0.0.1, created if missing: its URL."""
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
    return f"{POSTGRES}/{name}"


def prepare(env: dict[str, str]) -> None:
    manage(env, "migrate", "--noinput", "-v0")
    has_demo = shell(
        env,
        "from notices.models import NoticeIndexPage;"
        "print(NoticeIndexPage.objects.exists())",
    )
    if has_demo != "True":
        manage(env, "load_demo_data")
    manage(env, "collectstatic", "--noinput", "-v0")
