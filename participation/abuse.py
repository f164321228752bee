"""Abuse protection shared by every public form.

    class MyForm(GuardedFormMixin, forms.Form): ...

adds two fields: a honeypot people never see (`website`, inside an element with the
`hidden` attribute, so no stylesheet is needed) and a signed start token holding a
one-time key and the time the form was served. A bound form is invalid when the
honeypot is filled, the token is missing, forged or older than a day, or the form came
back sooner than settings.PORTAL_FORM_MIN_SECONDS. After a successful save, store
`form.submission_key` (unique in your model) to refuse the same form sent twice.

    def my_view(request):
        if request.method == "POST":
            if limited := check_rate_limit(request, "my_scope"):
                return limited

answers 429 in the visitor's language once a client has sent more than
settings.PORTAL_RATE_LIMITS[scope] (e.g. "5/m") requests. Counts live in the Django
cache, so with Redis (production) they hold across app servers. Tests lower or raise
the limits with pytest-django's `settings` fixture; values are read on every call.
`over_limit(scope, subject)` counts attempts on something else than a client (a
reference code looked up from many addresses) by the same rates.
"""

import hashlib
import secrets
import threading
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from portal.client import client_address

TOKEN_SALT = "portal.abuse.form-token"  # noqa: S105 - a salt, not a secret
TOKEN_MAX_AGE = 24 * 3600
PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def form_token(issued_at: float | None = None, key: str | None = None) -> str:
    """A signed token: a one-time submission key and when the form was served."""
    payload = {
        "k": key or secrets.token_urlsafe(24),
        "t": int(issued_at if issued_at is not None else time.time()),
    }
    return signing.dumps(payload, salt=TOKEN_SALT, compress=False)


def read_form_token(value: str) -> dict | None:
    try:
        payload = signing.loads(value or "", salt=TOKEN_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict):
        return None
    if not isinstance(payload.get("k"), str) or not isinstance(payload.get("t"), int):
        return None
    return payload


class HoneypotWidget(forms.HiddenInput):
    """A text box inside a `hidden` element: invisible and unreachable for people
    (and screen readers), but filled in by naive bots. Rendered by the form pack like
    a hidden field, so it has no visible label."""

    input_type = "text"
    template_name = "participation/report_honeypot.html"

    def __init__(self, attrs=None):
        super().__init__({"autocomplete": "off", "tabindex": "-1", **(attrs or {})})


class GuardedFormMixin:
    """Honeypot plus a signed, timed, one-time form token. See the module docstring."""

    honeypot_field = "website"
    token_field = "form_token"  # noqa: S105 - a field name

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[self.honeypot_field] = forms.CharField(
            required=False, label=_("Leave this empty"), widget=HoneypotWidget
        )
        self.fields[self.token_field] = forms.CharField(
            required=False, widget=forms.HiddenInput
        )
        if not self.is_bound:
            self.initial[self.token_field] = form_token()
        self.submission_key = ""
        self.issued_at: int | None = None  # when the form was served, once valid

    def _refresh_token(self) -> None:
        """Give the re-displayed form a new token, so the next try can pass."""
        data = self.data.copy()
        data[self.add_prefix(self.token_field)] = form_token()
        self.data = data

    def clean(self):
        cleaned = super().clean()
        if self.cleaned_data.get(self.honeypot_field):
            raise forms.ValidationError(
                _("This form could not be sent. Please try again."), code="honeypot"
            )
        payload = read_form_token(self.cleaned_data.get(self.token_field, ""))
        now = time.time()
        if payload is None or now - payload["t"] > TOKEN_MAX_AGE:
            self._refresh_token()
            raise forms.ValidationError(
                _(
                    "This form has expired or was changed on the way. Please check "
                    "your answers and send it again."
                ),
                code="form_token",
            )
        if now - payload["t"] < settings.PORTAL_FORM_MIN_SECONDS:
            raise forms.ValidationError(
                _(
                    "That was very fast. Please check your answers and send the form "
                    "again."
                ),
                code="too_fast",
            )
        self.submission_key = payload["k"]
        self.issued_at = payload["t"]
        return cleaned


def parse_rate(rate: str) -> tuple[int, int]:
    """'5/m' → (5, 60). Also '100/h', '2/s', '1000/d'."""
    count, _slash, period = rate.partition("/")
    return int(count), PERIODS[period.strip()[:1].lower()]


def check_rate_limit(request: HttpRequest, scope: str) -> HttpResponse | None:
    """Count this request for its client and scope; a 429 page once over the limit."""
    client = hashlib.sha256(client_address(request).encode()).hexdigest()[:24]
    retry_after = over_limit(scope, client)
    if retry_after is None:
        return None
    return rate_limited_response(request, retry_after)


def over_limit(scope: str, subject: str) -> int | None:
    """Count one attempt on `subject` (a client, a reference code) in `scope`; the
    seconds until its window ends once over settings.PORTAL_RATE_LIMITS[scope]
    (else the "default" rate), None while within it.

    When the cache cannot be reached (Redis down: django-redis answers None), the
    attempt is counted in this process instead: limits still hold per app process
    (a client may then send the limit once to each process), and a form never fails
    because the cache is away."""
    rates = getattr(settings, "PORTAL_RATE_LIMITS", {})
    rate = rates.get(scope) or rates.get("default")
    if not rate:
        return None
    limit, period = parse_rate(rate)
    window = int(time.time() // period)
    key = f"ratelimit:{scope}:{subject}:{window}"
    # A subject's first attempt in a window starts the count (one round trip: most
    # residents send one form); later ones add to it.
    added = cache.add(key, 1, period + 5)
    if added:
        count = 1
    elif added is None:
        count = _count_in_process(key, period)
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between the two calls
            cache.set(key, 1, period + 5)
            count = 1
        if count is None:
            count = _count_in_process(key, period)
    if count <= limit:
        return None
    return max(1, int(period - time.time() % period))


# Counts of this process, used only while the cache cannot be reached: key → (end of
# the window, count).
_counts_here: dict[str, tuple[float, int]] = {}
_counts_lock = threading.Lock()


def _count_in_process(key: str, period: int) -> int:
    now = time.monotonic()
    with _counts_lock:
        if len(_counts_here) > 10_000:
            for stale in [k for k, (ends, _n) in _counts_here.items() if ends < now]:
                del _counts_here[stale]
        ends, count = _counts_here.get(key, (now + period, 0))
        _counts_here[key] = (ends, count + 1)
    return count + 1


def rate_limited_response(request: HttpRequest, retry_after: int) -> HttpResponse:
    accepts_json = "json" in request.META.get("HTTP_ACCEPT", "")
    if accepts_json or request.path.endswith(".json"):
        import json

        body = json.dumps(
            [
                {
                    "code": 429,
                    "description": str(_("Too many requests. Try again later.")),
                }
            ]
        )
        response = HttpResponse(body, status=429, content_type="application/json")
    else:
        html = render_to_string(
            "participation/report_rate_limited.html",
            {"retry_after": retry_after, "minutes": max(1, (retry_after + 59) // 60)},
            request=request,
        )
        response = HttpResponse(html, status=429)
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response
