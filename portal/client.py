"""Who is asking: the client's address, seen through the proxies the site trusts.

Shared by sign-in lockouts (portal/two_factor.py) and the public forms' rate limits
(participation/abuse.py), so both count the same client."""

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or the entry PORTAL_PROXY_HOPS from the
    right of X-Forwarded-For when that many trusted proxies sit in front."""
    hops = getattr(settings, "PORTAL_PROXY_HOPS", 0)
    if hops:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return request.META.get("REMOTE_ADDR", "") or "unknown"
