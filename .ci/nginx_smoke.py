"""The nginx leg's journeys (.ci/nginx starts the services; this drives them).

Everything goes through nginx as a phone's browser would; the database is read only
to find what a resident would have found by browsing (a community, an open event)
and to see that the worker delivered the message. Each check prints one line; any
failure ends the run with a non-zero status.

    python .ci/nginx_smoke.py http://127.0.0.1:PORT --gunicorn-pid PID
"""

import argparse
import gzip
import http.client
import io
import os
import re
import signal
import sys
import threading
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import django
import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PHONE = "13800138000"
BROWSER = {
    "User-Agent": "Mozilla/5.0 (Linux; Android 10; phone) nginx-leg",
    "Accept-Encoding": "gzip",
    "Accept-Language": "zh-CN,zh;q=0.9",
}


class Failed(Exception):
    pass


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def check(condition: bool, what: str) -> None:
    if not condition:
        raise Failed(what)
    say(f"ok   {what}")


class Forms(HTMLParser):
    """Each form of a page: its action, method and fields as a browser sends them."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self.select: str | None = None
        self.textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append(
                {
                    "action": attrs.get("action") or "",
                    "method": (attrs.get("method") or "get").lower(),
                    "fields": {},
                    "files": [],
                }
            )
            return
        if not self.forms:
            return
        form = self.forms[-1]
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind == "file":
                form["files"].append(name)
            elif kind in {"checkbox", "radio"}:
                if "checked" in attrs or name not in form["fields"]:
                    form["fields"].setdefault(name, None)
                    if "checked" in attrs:
                        form["fields"][name] = attrs.get("value", "on")
            elif kind not in {"submit", "button", "image", "reset"}:
                form["fields"][name] = attrs.get("value", "")
        elif tag == "select" and name:
            self.select = name
            form["fields"].setdefault(name, None)
        elif tag == "option" and self.select:
            value = attrs.get("value", "")
            if value and (form["fields"][self.select] is None or "selected" in attrs):
                form["fields"][self.select] = value
        elif tag == "textarea" and name:
            self.textarea = name
            form["fields"][name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea and self.forms:
            self.forms[-1]["fields"][self.textarea] += data


def form_on(html: str, has_field: str) -> dict:
    parser = Forms()
    parser.feed(html)
    for form in parser.forms:
        if has_field in form["fields"] or has_field in form["files"]:
            return form
    raise Failed(f"no form with a field {has_field!r} on the page")


def photo() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), (90, 140, 200)).save(buffer, format="JPEG")
    return buffer.getvalue()


def site_data():
    """What a resident would reach by browsing: a community and an event open for
    registration (by the event's own rule, EventPage.registration_state)."""
    from notices.models import CommunityPage, EventPage
    from notices.news.events import RegistrationState

    chinese = {"locale__language_code": "zh-hans"}
    community = CommunityPage.objects.live().filter(**chinese).first()
    events = EventPage.objects.live().filter(**chinese).order_by("pk")
    event = next(
        (e for e in events if e.registration_state() == RegistrationState.OPEN), None
    )
    return community, event


def delivered_to(phone_tail: str, wait: float = 60) -> str | None:
    """The status of the newest text message to a phone ending in `phone_tail`,
    waiting up to `wait` seconds for the worker to send it."""
    from django.db import close_old_connections

    from participation.notifications.models import Notification

    deadline = time.monotonic() + wait
    status = None
    while time.monotonic() < deadline:
        close_old_connections()
        newest = (
            Notification.objects.filter(recipient__endswith=phone_tail[-4:])
            .order_by("-pk")
            .first()
        )
        status = newest.status if newest else None
        if status == "sent":
            return status
        time.sleep(1)
    return status


def compression(base: str, session: requests.Session) -> None:
    home = session.get(base + "/zh-hans/", headers=BROWSER)
    check(home.status_code == 200, "the home page answers through nginx")
    encoding = home.headers.get("Content-Encoding", "")
    check(encoding == "gzip", f"HTML is compressed on the wire ({encoding})")
    raw = requests.get(
        base + "/zh-hans/", headers=BROWSER, stream=True, timeout=30
    ).raw.read(decode_content=False)
    say(f"     home page: {len(home.content)} bytes, {len(raw)} bytes gzip on the wire")
    check(len(raw) < len(home.content) / 2, "gzip at least halves the home page")
    brotli = requests.get(
        base + "/zh-hans/", headers={**BROWSER, "Accept-Encoding": "br"}, timeout=30
    )
    say(f"     brotli: {brotli.headers.get('Content-Encoding') == 'br'}")
    for path, kind in (("/sitemap.xml", "xml"), ("/zh-hans/notices/feed/", "feed")):
        answer = session.get(base + path, headers=BROWSER)
        if answer.status_code == 200 and len(answer.content) > 512:
            check(
                answer.headers.get("Content-Encoding") in {"gzip", "br"},
                f"the {kind} is compressed too",
            )
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', home.text)
    check(stylesheet is not None, "the page links its stylesheet from /static/")
    static = session.get(base + stylesheet.group(1), headers=BROWSER)
    control = static.headers.get("Cache-Control", "")
    check(
        static.status_code == 200 and "max-age=31536000" in control,
        f"a static file is cached for a year ({control})",
    )


def report_journey(base: str, session: requests.Session, community) -> str:
    address = f"{base}/zh-hans/report/?community={community.pk}"
    page = session.get(address, headers=BROWSER)
    check(page.status_code == 200, "the report form opens")
    form = form_on(page.text, "description")
    fields = {k: v for k, v in form["fields"].items() if v is not None}
    fields.update(
        {
            "kind": form["fields"].get("kind") or "problem",
            "location": "和平路12号楼下",
            "description": "人行道上的井盖松动，踩上去会响。",
            "phone": PHONE,
            "consent": "on",
            "website": "",
        }
    )
    time.sleep(3.5)  # a person takes a few seconds to fill in the form
    files = {"photos": ("well.jpg", photo(), "image/jpeg")}
    sent = session.post(
        urljoin(address, form["action"] or address),
        data=fields,
        files=files,
        headers={**BROWSER, "Referer": address},
    )
    check(sent.status_code == 200, f"the report with a photo is accepted ({sent.url})")
    link = re.search(r'(/zh-hans/report/track/[^/"]+/)', sent.url + " " + sent.text)
    check(link is not None, "the answer gives the private tracking link")
    tracking = session.get(base + link.group(1), headers=BROWSER)
    check(
        tracking.status_code == 200 and "井盖松动" in tracking.text,
        "the tracking page shows the report",
    )
    check(
        "/report/track/" in tracking.text and tracking.text.count("<img") >= 1,
        "the tracking page shows the photo",
    )
    return link.group(1)


def registration_journey(base: str, session: requests.Session, event) -> None:
    check(event is not None, "the demo has an event open for registration")
    address = f"{base}/zh-hans/event-registration/{event.pk}/"
    page = session.get(address, headers=BROWSER)
    form = form_on(page.text, "party_size")
    fields = {k: v for k, v in form["fields"].items() if v is not None}
    fields.update(
        {"name": "王秀英", "phone": "13900139000", "party_size": "1", "consent": "on"}
    )
    time.sleep(3.5)  # a person takes a few seconds to fill in the form
    sent = session.post(
        urljoin(address, form["action"] or address),
        data=fields,
        headers={**BROWSER, "Referer": address},
    )
    check(
        sent.status_code == 200
        and "/event-registration/manage/" in sent.url + sent.text,
        f"a registration for event {event.pk} is taken",
    )


def rate_limit_counts_the_real_client(base: str, tracking: str) -> None:
    """The tracking page's actions allow 6 a minute per client (PORTAL_RATE_LIMITS
    in .ci/nginx); a client that forges a new X-Forwarded-For each time is still the
    same client, as nginx appends the address it saw."""
    session = requests.Session()
    page = session.get(base + tracking, headers=BROWSER, timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    check(token is not None, "the tracking page's forms carry a CSRF token")
    statuses = []
    for number in range(10):
        answer = session.post(
            base + tracking + "rate/",
            data={"csrfmiddlewaretoken": token.group(1)},
            headers={
                **BROWSER,
                "Referer": base + tracking,
                "X-Forwarded-For": f"10.9.8.{number}",
            },
            timeout=30,
        )
        statuses.append(answer.status_code)
    check(
        statuses.count(429) >= 3 and 403 not in statuses,
        f"rate limits count the real client, not a forged header ({statuses})",
    )


def too_large_upload(base: str) -> None:
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=20)
    connection.putrequest("POST", "/zh-hans/report/")
    connection.putheader("Content-Type", "multipart/form-data; boundary=x")
    connection.putheader("Content-Length", str(40 * 1024 * 1024))
    connection.endheaders()
    answer = connection.getresponse()
    body = answer.read()
    if answer.getheader("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    text = body.decode("utf-8", "replace")
    check(
        answer.status == 413 and "上传的内容太大" in text and "35 MB" in text,
        "an upload over the limit gets nginx's page in Chinese (413)",
    )
    stylesheet = requests.get(base + "/_errors/errors.css", timeout=30)
    check(
        stylesheet.status_code == 200
        and "text/css" in stylesheet.headers["Content-Type"],
        "the error page's stylesheet is served by nginx",
    )


def reload_under_load(base: str, gunicorn_pid: int, seconds: float = 20) -> None:
    """Eight clients ask for pages for 20 s while gunicorn is told to reload (HUP)
    twice: every request must be answered."""
    paths = ["/zh-hans/", "/zh-hans/notices/", "/en/", "/healthz"]
    counts = {"ok": 0, "failed": 0}
    slowest = [0.0]
    failures: list[str] = []
    lock = threading.Lock()
    start = time.monotonic()
    end = start + seconds

    def client(number: int) -> None:
        session = requests.Session()
        index = number
        while time.monotonic() < end:
            path = paths[index % len(paths)]
            index += 1
            asked = time.monotonic()
            try:
                # nginx gives up on gunicorn after 75 s (a 504): a slower answer
                # than that is a failure nginx reports, not one the client makes up.
                answer = session.get(base + path, headers=BROWSER, timeout=120)
                good = answer.status_code < 400
                why = f"{path} {answer.status_code}"
            except requests.RequestException as error:
                good, why = False, f"{path} {type(error).__name__}"
            with lock:
                slowest[0] = max(slowest[0], time.monotonic() - asked)
                counts["ok" if good else "failed"] += 1
                if not good:
                    failures.append(why)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for moment in (5, 12):
        time.sleep(max(0.0, start + moment - time.monotonic()))
        os.kill(gunicorn_pid, signal.SIGHUP)
        say(f"     HUP sent to gunicorn at {moment} s")
    for thread in threads:
        thread.join()
    total = counts["ok"] + counts["failed"]
    say(
        f"     reload under load: {total} requests in {seconds:.0f} s, "
        f"{counts['failed']} failed {failures[:5]}, slowest {slowest[0]:.1f} s"
    )
    check(counts["failed"] == 0, "two gunicorn reloads during load drop no request")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("--gunicorn-pid", type=int, required=True)
    options = parser.parse_args()
    django.setup()
    base = options.base.rstrip("/")
    deadline = time.monotonic() + 60
    while True:
        try:
            if requests.get(base + "/healthz", timeout=5).status_code == 200:
                break
        except requests.RequestException:
            pass
        if time.monotonic() > deadline:
            say("FAIL /healthz did not answer 200 through nginx within 60 s")
            return 1
        time.sleep(1)
    session = requests.Session()
    community, event = site_data()
    try:
        check(community is not None, "the demo has a community")
        compression(base, session)
        tracking = report_journey(base, session, community)
        registration_journey(base, requests.Session(), event)
        status = delivered_to(PHONE)
        check(status == "sent", f"the worker sent the resident's text ({status})")
        rate_limit_counts_the_real_client(base, tracking)
        too_large_upload(base)
        reload_under_load(base, options.gunicorn_pid)
    except Failed as failure:
        say(f"FAIL {failure}")
        return 1
    say("nginx leg: every check passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
