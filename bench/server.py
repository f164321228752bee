"""Start the portal as production would run it, for benchmarks: gunicorn + whitenoise.

Builds a scratch database (SQLite unless DATABASE_URL is given) with the demo data,
collects static files, and serves on 127.0.0.1. Used as a context manager.
"""

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PYTHON = sys.executable


def say(text: str) -> None:
    """A line of progress, shown at once."""
    print(text, flush=True)  # noqa: T201


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(**extra: str) -> dict[str, str]:
    OUT.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "bench-only-key-0123456789abcdefghijklmnopqrstuvwxyzABCDEFG",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "STATIC_ROOT": str(OUT / "static"),
        "MEDIA_ROOT": str(OUT / "media"),
    }
    env.setdefault("DATABASE_URL", f"sqlite:///{OUT / 'bench.sqlite3'}")
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def shell(env: dict[str, str], code: str) -> str:
    """Run `code` in `manage.py shell`; the last line it printed."""
    result = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip().splitlines()[-1]


def prepare(env: dict[str, str]) -> None:
    """Migrate, load the demo data and collect static files."""
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo_data")
    manage(env, "collectstatic", "--noinput", "-v0")


@contextlib.contextmanager
def serve(
    env: dict[str, str], workers: int = 2, access_log: Path | None = None
) -> Iterator[str]:
    """Run gunicorn until the block ends; yields the base URL. With `access_log`,
    gunicorn writes one line per request there (the server's own count of answers)."""
    port = free_port()
    logging = ["--access-logfile", str(access_log)] if access_log else []
    process = start_gunicorn(env, port, workers, *logging)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(process, base, "gunicorn did not start")
        yield base
    finally:
        stop(process)


def start_gunicorn(
    env: dict[str, str], port: int, workers: int, *options: str, **popen
) -> subprocess.Popen:
    """gunicorn serving the portal on 127.0.0.1:`port`, logging warnings only."""
    return subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "portal.wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            *options,
        ],
        cwd=ROOT,
        env=env,
        **popen,
    )


def wait_until_healthy(process: subprocess.Popen, base: str, failure: str) -> None:
    """Back once `base`/healthz answers; RuntimeError(`failure`) when the server
    exits first or has not answered within a minute."""
    deadline = time.monotonic() + 60
    while process.poll() is None and time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(failure)


def stop(process: subprocess.Popen) -> None:
    """Ask a server to stop; kill it when it has not within 20 seconds."""
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


def write_report_section(title: str, body: str) -> Path:
    """Replace (or add) one `## title` section of bench/REPORT.md."""
    report = ROOT / "bench" / "REPORT.md"
    text = report.read_text() if report.exists() else "# Benchmark report\n"
    start_marker = f"<!-- {title} -->"
    end_marker = f"<!-- /{title} -->"
    section = f"{start_marker}\n## {title}\n\n{body.strip()}\n{end_marker}"
    if start_marker in text:
        before, rest = text.split(start_marker, 1)
        _, after = rest.split(end_marker, 1)
        text = before + section + after
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    report.write_text(text)
    return report
