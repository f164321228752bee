"""Two app servers, one PostgreSQL, one Redis, media on S3: do they act as one site?

Starts moto_server on 127.0.0.1 as the S3-compatible media store (its bucket stands in
for the real one through django-storages), then two gunicorn servers, A and B, with
the same production settings, database and Redis, as a load balancer would have them
behind it. Checks, from outside, as a visitor's browser would:

1. an editor's publish on A is seen at once on B, although B had the old page cached;
2. a staff member who signs in on A (password, then the 2-step code) is signed in on B;
3. the report form's rate limit counts one client's posts on A and B together;
4. a photo sent with a report through A lands in the bucket, not on A's disk, and B
   serves the tracking page's photo from there, byte for byte.

Writes the "More than one server" section of bench/REPORT.md; exits 1 when a check
fails. `make bench` runs it after the throughput run (on the same city); alone:

    .venv/bin/python bench/multi_server.py
"""

import datetime
import io
import json
import re
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookies import SimpleCookie
from pathlib import Path

from server import OUT, PYTHON, ROOT, free_port, production_env, serve, shell
from server import write_report_section as write_section
from stack import CACHE_PREFIX, REDIS_URL, ensure_database, port_open, prepare

BUCKET = "portal-media"
STAFF = "bench-moderator"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """Cookies kept by hand: production cookies are Secure, and this is plain HTTP
    on 127.0.0.1, where a load balancer would have terminated TLS."""

    def __init__(self):
        self.cookies: dict[str, str] = {}
        self.opener = urllib.request.build_opener(NoRedirect)

    def request(self, url, data=None, headers=None, content_type=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if content_type:
            headers["Content-Type"] = content_type
        if isinstance(data, dict):
            data = urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(url, data=data, headers=headers)  # noqa: S310
        try:
            response = self.opener.open(request, timeout=60)
        except urllib.error.HTTPError as error:
            response = error
        body = response.read()
        for value in response.headers.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            jar.load(value)
            for name, morsel in jar.items():
                self.cookies[name] = morsel.value
        return response.status, response.headers, body


def csrf_field(html: bytes) -> str:
    return re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1].decode()


def start_moto() -> tuple[subprocess.Popen, str]:
    port = free_port()
    binary = Path(PYTHON).parent / "moto_server"
    process = subprocess.Popen(
        [str(binary), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while not port_open(port):
        if time.monotonic() > deadline or process.poll() is not None:
            raise SystemExit("multi-server: moto_server did not start")
        time.sleep(0.2)
    return process, f"http://127.0.0.1:{port}"


def s3_client(endpoint: str):
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="bench",
        aws_secret_access_key="bench",  # noqa: S106 (moto accepts anything)
    )


def check_publish(env, a: str, b: str, staff: Browser) -> tuple[bool, str]:
    """A draft is published through A's admin; B had the old page cached."""
    found = json.loads(
        shell(
            env,
            "import json;from notices.models import NoticePage;"
            "p=NoticePage.objects.live().filter(locale__language_code='zh-hans')"
            ".order_by('-date').first();"
            "print(json.dumps({'id': p.pk, 'url': p.url, 'title': p.title}))",
        )
    )
    new_title = f"{found['title'].split('（更新')[0]}（更新{secrets.token_hex(3)}）"
    shell(
        env,
        "from notices.models import NoticePage;"
        f"p=NoticePage.objects.get(pk={found['id']});p.title={new_title!r};"
        "p.save_revision()",
    )
    visitor = Browser()
    visitor.request(b + found["url"])
    _status, headers, body = visitor.request(b + found["url"])
    cached_before = headers.get("X-Portal-Cache") == "hit"
    old_shown = found["title"].encode() in body and new_title.encode() not in body
    action = f"{a}/admin/bulk/wagtailcore/page/publish/?id={found['id']}"
    _status, _headers, confirm = staff.request(action)
    status, _headers, _body = staff.request(
        action, {"csrfmiddlewaretoken": csrf_field(confirm)}, {"Referer": action}
    )
    _s, headers, body = visitor.request(b + found["url"])
    seen = new_title.encode() in body
    ok = cached_before and old_shown and status == 302 and seen
    return ok, (
        f"B served the notice from its page cache (`X-Portal-Cache: "
        f"{'hit' if cached_before else 'no hit'}`) with the old title; the draft was "
        f"published through A's admin (bulk publish, HTTP {status}); B's next answer "
        f"showed the new title: {'yes' if seen else 'NO'} "
        f"(`X-Portal-Cache: {headers.get('X-Portal-Cache', 'none')}`)."
    )


def check_sessions(env, a: str, b: str) -> tuple[bool, str]:
    """Sign in on A (password, then the authenticator code); use the admin on B."""
    from django_otp.oath import totp

    password = secrets.token_urlsafe(18)
    key = shell(
        env,
        "from django.contrib.auth import get_user_model;"
        "from django_otp.plugins.otp_totp.models import TOTPDevice;"
        f"u=get_user_model().objects.get(username={STAFF!r});"
        f"u.set_password({password!r});u.save();"
        "print(TOTPDevice.objects.filter(user=u, confirmed=True).first().key)",
    )
    browser = Browser()
    _s, _h, page = browser.request(f"{a}/admin/login/")
    status, headers, _body = browser.request(
        f"{a}/admin/login/",
        {
            "csrfmiddlewaretoken": csrf_field(page),
            "username": STAFF,
            "password": password,
            "next": "/admin/",
        },
        {"Referer": f"{a}/admin/login/"},
    )
    signed_in = status == 302
    _s, _h, page = browser.request(f"{a}/admin/two-step/verify/")
    code = f"{totp(bytes.fromhex(key)):06d}"
    status, _h, _body = browser.request(
        f"{a}/admin/two-step/verify/",
        {"csrfmiddlewaretoken": csrf_field(page), "code": code},
        {"Referer": f"{a}/admin/two-step/verify/"},
    )
    verified = status == 302
    status_b, headers_b, _body = browser.request(f"{b}/admin/reports/")
    ok = signed_in and verified and status_b == 200
    return ok, (
        f"signed in on A with the password (HTTP 302: {signed_in}) and the "
        f"authenticator code (HTTP 302: {verified}); the same session opened the "
        f"report queue on B: HTTP {status_b}"
        + (f" → {headers_b.get('Location')}" if status_b != 200 else "")
        + "."
    )


def check_rate_limit(a: str, b: str) -> tuple[bool, str]:
    """The report form allows 5 posts a minute per client: 3 on A and 3 on B."""
    browser = Browser()
    # /report/ lists the communities to choose from; the form is one link away.
    _s, _h, choice = browser.request(f"{a}/zh-hans/report/")
    community = re.search(rb"\?community=(\d+)", choice)[1].decode()
    _s, _h, page = browser.request(f"{a}/zh-hans/report/?community={community}")
    client = f"10.251.{secrets.randbelow(250)}.{secrets.randbelow(250) + 1}"
    statuses = []
    for number in range(6):
        base = a if number % 2 == 0 else b
        status, _h, _body = browser.request(
            f"{base}/zh-hans/report/",
            {"csrfmiddlewaretoken": csrf_field(page), "description": ""},
            {"X-Forwarded-For": client},
        )
        statuses.append(("A" if base == a else "B", status))
    ok = [s for _server, s in statuses] == [400, 400, 400, 400, 400, 429]
    shown = ", ".join(f"{server} {status}" for server, status in statuses)
    return ok, (
        f"six empty posts from one client, alternating A and B: {shown} (the sixth "
        "is over the limit of 5 a minute, counted in the shared Redis)."
    )


def multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    boundary = "----bench" + secrets.token_hex(12)
    out = io.BytesIO()
    for name, value in fields.items():
        out.write(f"--{boundary}\r\n".encode())
        out.write(f'Content-Disposition: form-data; name="{name}"\r\n\r\n'.encode())
        out.write(str(value).encode() + b"\r\n")
    for name, (filename, content, kind) in files.items():
        out.write(f"--{boundary}\r\n".encode())
        out.write(
            f'Content-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {kind}\r\n\r\n'.encode()
        )
        out.write(content + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


def check_media(env, a: str, b: str, endpoint: str) -> tuple[bool, str]:
    """A report with a photo through A; the photo in the bucket; B serves it."""
    from PIL import Image

    tokens = json.loads((OUT / "credentials.json").read_text())["tokens_file"]
    token = Path(tokens).read_text().splitlines()[-1]  # the bench posts the first ones
    community = shell(
        env,
        "from participation.reports.communities import reportable_communities;"
        "print(reportable_communities().first().pk)",
    )
    browser = Browser()
    _s, _h, page = browser.request(f"{a}/zh-hans/report/?community={community}")
    category = re.search(
        rb'name="category"[^>]*>.*?<option value="([^"]+)"', page, re.S
    )
    picture = io.BytesIO()
    Image.new("RGB", (320, 240), (40, 120, 200)).save(picture, format="JPEG")
    body, content_type = multipart(
        {
            "csrfmiddlewaretoken": csrf_field(page),
            "kind": "problem",
            "category": category[1].decode() if category else "",
            "community": community,
            "location": "5号楼门口",
            "description": "多服务器检查：带照片的反映。（基准测试提交）",
            "allow_publication": "on",
            "form_token": token,
            "website": "",
        },
        {"photos": ("photo.jpg", picture.getvalue(), "image/jpeg")},
    )
    status, headers, _body = browser.request(
        f"{a}/zh-hans/report/",
        body,
        {"X-Forwarded-For": f"10.252.{secrets.randbelow(250)}.1"},
        content_type,
    )
    track = headers.get("Location", "")
    if status != 302 or "/track/" not in track:
        return False, f"the report with a photo was not accepted by A (HTTP {status})."
    _s, _h, track_page = browser.request(b + track.split("?")[0])
    photo = re.search(rb'src="([^"]+/photos/\d+/)"', track_page)
    if photo is None:
        return False, "B's tracking page shows no photo."
    status_b, headers_b, served = browser.request(b + photo[1].decode())
    s3 = s3_client(endpoint)
    keys = [
        item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    ]
    stored = [key for key in keys if key.startswith("reports/")]
    in_bucket = stored and any(
        s3.get_object(Bucket=BUCKET, Key=key)["Body"].read() == served for key in stored
    )
    on_disk = list((OUT / "media" / "reports").rglob("*")) if stored else []
    local = [path for path in on_disk if path.name in {Path(k).name for k in stored}]
    ok = bool(in_bucket) and status_b == 200 and not local
    return ok, (
        f"A accepted a report with a photo (HTTP 302); the bucket holds "
        f"{len(stored)} report photo object(s), none on A's disk "
        f"({'none' if not local else 'FOUND ' + str(len(local))}); B served the "
        f"tracking page's photo (HTTP {status_b}, "
        f"{headers_b.get('Content-Type', '')}, {len(served)} bytes), identical to the "
        f"object in the bucket: {'yes' if in_bucket else 'NO'}."
    )


def main() -> int:
    if not (port_open(5432) and port_open(6379)):
        raise SystemExit(
            "multi-server: needs PostgreSQL on 127.0.0.1:5432 and Redis on :6379."
        )
    moto, endpoint = start_moto()
    try:
        s3_client(endpoint).create_bucket(Bucket=BUCKET)
        env = production_env(
            DATABASE_URL=ensure_database(),
            REDIS_URL=REDIS_URL,
            CACHE_KEY_PREFIX=CACHE_PREFIX,
            PORTAL_PROXY_HOPS="1",
            MEDIA_ROOT=str(OUT / "media"),
            AWS_STORAGE_BUCKET_NAME=BUCKET,
            AWS_S3_ENDPOINT_URL=endpoint,
            AWS_S3_REGION_NAME="us-east-1",
            AWS_ACCESS_KEY_ID="bench",
            AWS_SECRET_ACCESS_KEY="bench",  # noqa: S106 (moto accepts anything)
            AWS_QUERYSTRING_AUTH="false",
        )
        prepare(env)
        subprocess.run(
            [
                PYTHON,
                "bench/generate_city.py",
                "credentials",
                str(OUT / "credentials.json"),
                "--tokens=100",
            ],
            cwd=ROOT,
            env=env,
            check=True,
        )
        session = json.loads((OUT / "credentials.json").read_text())["session"]
        staff = Browser()
        staff.cookies[session["name"]] = session["value"]
        with serve(env) as a, serve(env) as b:
            results = [
                ("A publish on A is seen uncached on B",)
                + check_publish(env, a, b, staff),
                ("Sessions hold across both",) + check_sessions(env, a, b),
                ("Rate limits count across both",) + check_rate_limit(a, b),
                ("Media land in S3 and are served from there",)
                + check_media(env, a, b, endpoint),
            ]
    finally:
        moto.terminate()
        moto.wait(timeout=20)
    when = datetime.datetime.now().astimezone()
    lines = [
        f"Measured {when:%Y-%m-%d %H:%M %Z} by bench/multi_server.py: two gunicorn "
        "servers (A and B, 2 workers each, production settings) on one PostgreSQL "
        "database and one Redis, media on S3-compatible storage through "
        "django-storages (moto_server on 127.0.0.1 stands in for the bucket), "
        "driven over HTTP as a browser would.",
        "",
        "| check | result | what happened |",
        "| --- | --- | --- |",
    ]
    for title, ok, detail in results:
        lines.append(f"| {title} | {'passed' if ok else '**FAILED**'} | {detail} |")
        print(f"{'ok  ' if ok else 'FAIL'} {title}: {detail}")  # noqa: T201
    write_section("More than one server", "\n".join(lines))
    return 0 if all(ok for _title, ok, _detail in results) else 1


if __name__ == "__main__":
    sys.exit(main())
