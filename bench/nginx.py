"""nginx in front of a benchmark's gunicorn, as deploy/ configures it (deploy/trial
writes a private instance's files; /etc/nginx is not touched)."""

import contextlib
import shutil
import subprocess
from collections.abc import Iterator

from server import OUT, ROOT, free_port, wait_until_healthy


@contextlib.contextmanager
def behind_nginx(app_base: str, env: dict[str, str]) -> Iterator[str]:
    """nginx forwarding to the server at `app_base` until the block ends; yields
    nginx's base URL. RuntimeError when nginx is not installed."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not shutil.which(nginx):
        raise RuntimeError(
            "nginx is not installed (Debian: apt-get install nginx-light)"
        )
    work = OUT / "nginx"
    shutil.rmtree(work, ignore_errors=True)
    app_port = app_base.rsplit(":", 1)[1]
    web_port = free_port()
    subprocess.run(
        [
            str(ROOT / "deploy" / "trial"),
            str(work),
            app_port,
            str(web_port),
            env["STATIC_ROOT"],
            env["MEDIA_ROOT"],
        ],
        check=True,
    )
    process = subprocess.Popen(
        [nginx, "-p", str(work), "-c", str(work / "nginx.conf"), "-g", "daemon off;"]
    )
    base = f"http://127.0.0.1:{web_port}"
    try:
        wait_until_healthy(process, base, "nginx did not start")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)
