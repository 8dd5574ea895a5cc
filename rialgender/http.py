"""Who is asking: the client's real address behind the reverse proxies we run.

Behind a proxy, REMOTE_ADDR is the proxy's address for every visitor; a rate limit keyed on it
is one bucket for everybody. Each proxy appends the address it received the connection from
to X-Forwarded-For, so with `settings.TRUSTED_PROXY_COUNT = N` proxies of ours in front of
the application, the client is the Nth address from the right. What lies further left was
written by the client and is never believed.

With N = 0 (the default: the application is reached directly) the header is ignored. A header
with fewer than N addresses, or an address that does not parse, falls back to REMOTE_ADDR:
a misconfiguration must not become an error page, nor a way to pick one's own bucket.
"""

import ipaddress

from django.conf import settings
from django.http import HttpResponse


def _parse(value: str) -> str | None:
    value = value.strip()
    if value.startswith("[") and "]" in value:  # "[2001:db8::1]:443"
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # "203.0.113.7:51234"
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip(request) -> str:
    """The client's address: the Nth from the right of X-Forwarded-For behind N trusted
    proxies, else REMOTE_ADDR ("" if even that is missing)."""
    remote = request.META.get("REMOTE_ADDR", "")
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count > 0:
        hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if len(hops) >= count:
            parsed = _parse(hops[-count])
            if parsed:
                return parsed
    return _parse(remote) or remote


def rate_limit_key(request) -> str:
    """The address a rate limit counts: the client's IPv4 address, or its IPv6 /64 network
    (one household or server usually holds a whole /64)."""
    ip = client_ip(request)
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ip
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return ip


# An e-mail's own HTML, shown in the admin's preview frame: e-mail needs inline styles, which
# the site's policy forbids, so the frame is its own page with its own policy. Nothing in it
# can run (sandbox, no script), it loads only images, and only the admin may frame it.
EMAIL_PREVIEW_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' https: data:; "
    "frame-ancestors 'self'; base-uri 'none'; form-action 'none'; sandbox"
)


def email_preview_response(html: str) -> HttpResponse:
    """The HTML of an e-mail as its own sandboxed page, for an <iframe> in the admin."""
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    response["Content-Security-Policy"] = EMAIL_PREVIEW_POLICY
    response["X-Frame-Options"] = "SAMEORIGIN"
    response["Cache-Control"] = "private, no-store"
    return response
