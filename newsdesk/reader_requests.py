"""What a reader's POST to a cached page tells us: whether it came from this site, and from whom.

The vote and comment forms sit on story pages cached for everyone, so they carry no CSRF token;
their views check the post's Origin instead (docs/discussion-caching.md). Both apps read the
reader's address here, so rate limits and bans see the same address behind a proxy.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponseRedirect


class HttpResponseSeeOther(HttpResponseRedirect):
    """A 303: the browser follows it with a GET, so a reload does not post the form again."""

    status_code = 303


def origin_of(url: str) -> str:
    """The scheme://host[:port] part of `url`, lower-cased, or "" when it has none."""
    parts = urlsplit(url.strip())
    if not parts.scheme or not parts.netloc:
        return ""
    return f"{parts.scheme}://{parts.netloc}".lower()


def is_same_site(
    origin: str | None, referer: str | None, own_origin: str, trusted_origins=()
) -> bool:
    """Whether the post's Origin (or, without one, its Referer) is this site or a trusted one.

    Browsers send Origin on every cross-site POST, so checking it refuses forged posts. A post
    with neither header, or with Origin "null" (sandboxed frames), comes from no page of ours.
    """
    claimed = origin_of(origin) if origin else origin_of(referer or "")
    if not claimed:
        return False
    allowed = {own_origin.lower(), *(trusted.lower().rstrip("/") for trusted in trusted_origins)}
    return claimed in allowed


def from_this_site(request: HttpRequest) -> bool:
    """Whether `request` was posted from a page of this site."""
    return is_same_site(
        request.headers.get("Origin"),
        request.headers.get("Referer"),
        f"{request.scheme}://{request.get_host()}",
        settings.CSRF_TRUSTED_ORIGINS,
    )


def reader_ip(request: HttpRequest) -> str | None:
    """The reader's IP: REMOTE_ADDR, or the address our own proxies saw in X-Forwarded-For.

    Only the last `NEWSDESK_TRUSTED_PROXY_COUNT` entries were written by proxies we run; any
    entry before them is whatever the client claimed, so it is never trusted.
    """
    proxies = settings.NEWSDESK_TRUSTED_PROXY_COUNT
    if proxies > 0:
        hops = [
            hop.strip()
            for hop in request.headers.get("X-Forwarded-For", "").split(",")
            if hop.strip()
        ]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR") or None


def wants_json(request: HttpRequest) -> bool:
    """Whether the page's script (fetch with Accept: application/json) sent the request."""
    return "application/json" in request.headers.get("Accept", "")
