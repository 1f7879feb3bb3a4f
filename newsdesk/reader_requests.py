"""What a reader's request tells us: whether it came from this site, from whom, and whether it
can be read at all.

The vote and comment forms sit on story pages cached for everyone, so they carry no CSRF token;
their views check the post's Origin instead (docs/discussion-caching.md). Both apps read the
reader's address here, so rate limits and bans see the same address behind a proxy.
`RefuseUnreadableRequests` answers 400 before any view to an address, query, cookie or header
holding a character no page of ours can look up or store.
"""

import ipaddress
import logging
import re
from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import get_resolver

logger = logging.getLogger(__name__)


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


#: Where reader_ip keeps its answer on the request.
_READER_IP = "_newsdesk_reader_ip"


def reader_ip(request: HttpRequest) -> str | None:
    """The reader's IP: REMOTE_ADDR, or the address our own proxies saw in X-Forwarded-For.

    Only the last `NEWSDESK_TRUSTED_PROXY_COUNT` entries were written by proxies we run; any
    entry before them is whatever the client claimed, so it is never trusted. The address comes
    in its canonical form (`ip_address_of`). When our proxies' entry is no IP address it is
    ignored, with a warning, and REMOTE_ADDR is used; None when that is no IP address either.
    The answer is kept on the request: every caller sees the same one, and it warns once.
    """
    if not hasattr(request, _READER_IP):
        setattr(request, _READER_IP, _find_reader_ip(request))
    return getattr(request, _READER_IP)


def _find_reader_ip(request: HttpRequest) -> str | None:
    proxies = settings.NEWSDESK_TRUSTED_PROXY_COUNT
    if proxies > 0:
        hops = [
            hop.strip()
            for hop in request.headers.get("X-Forwarded-For", "").split(",")
            if hop.strip()
        ]
        if len(hops) >= proxies:
            # Index first, then judge: dropping a bad hop before counting would shift the
            # client's own claim into the place of a proxy's entry.
            address = ip_address_of(hops[-proxies])
            if address is not None:
                return address
            logger.warning(
                "Ignored X-Forwarded-For entry %r: not an IP address; using REMOTE_ADDR",
                hops[-proxies][:100],
            )
    remote_addr = request.META.get("REMOTE_ADDR") or ""
    address = ip_address_of(remote_addr)
    if address is None and remote_addr:
        logger.warning("Ignored REMOTE_ADDR %r: not an IP address", remote_addr[:100])
    return address


def ip_address_of(hop: str) -> str | None:
    """`hop` as an IP address in its canonical form, or None when it names none.

    Accepts what proxies write: `203.0.113.9`, `203.0.113.9:5678`, `2001:db8::1`,
    `[2001:db8::1]` and `[2001:db8::1]:443`. An IPv4 address mapped into IPv6 is given as IPv4
    and an IPv6 zone is dropped, so bans and limits see one spelling per reader.
    """
    hop = hop.strip()
    if hop.startswith("["):
        host, bracket, rest = hop[1:].partition("]")
        if not bracket or (rest and not (rest.startswith(":") and _is_port(rest[1:]))):
            return None
        hop = host
    elif hop.count(":") == 1:  # IPv4 with a port; IPv6 has at least two colons
        hop, _, port = hop.partition(":")
        if not _is_port(port):
            return None
    try:
        address = ipaddress.ip_address(hop)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        if address.scope_id is not None:
            address = ipaddress.IPv6Address(address.packed)
    return str(address)


def _is_port(text: str) -> bool:
    return len(text) <= 5 and text.isascii() and text.isdigit() and 0 < int(text) < 65536


def wants_json(request: HttpRequest) -> bool:
    """Whether the page's script (fetch with Accept: application/json) sent the request."""
    return "application/json" in request.headers.get("Accept", "")


#: NUL (PostgreSQL stores no NUL in text, and its driver raises) and lone surrogates (not
#: UTF-8: no database driver can send them).
UNREADABLE = re.compile("[\x00\ud800-\udfff]")
#: In an address also every other control character: none of our addresses holds one.
UNREADABLE_IN_PATH = re.compile("[\x00-\x1f\x7f\ud800-\udfff]")


def unreadable_part(request: HttpRequest) -> str | None:
    """Which part of `request` holds a character no page can use ("path", "query", "cookie",
    "header"), or None when none does.

    Form fields are left to the forms: Django's form fields refuse NUL with a message at the
    field, and reading the body here would parse every upload before its view.
    """
    if UNREADABLE_IN_PATH.search(request.path_info):
        return "path"
    if any(
        UNREADABLE.search(key) or any(UNREADABLE.search(value) for value in values)
        for key, values in request.GET.lists()
    ):
        return "query"
    if any(UNREADABLE.search(key + value) for key, value in request.COOKIES.items()):
        return "cookie"
    if any(
        UNREADABLE.search(value)
        for key, value in request.META.items()
        if key.startswith("HTTP_") and isinstance(value, str)
    ):
        return "header"
    return None


class RefuseUnreadableRequests:
    """Answer 400 with the site's error page to a request `unreadable_part` finds fault with.

    One place for every view: a NUL in a slug, a search or a session cookie would otherwise reach
    a database lookup, and PostgreSQL refuses it with an error (a 500). Goes early in MIDDLEWARE,
    before anything that caches or looks up by the address. The answer is logged as any 400 is
    (one warning line, "Bad Request: <path>"), not as an error with a traceback.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        part = unreadable_part(request)
        if part is None:
            return self.get_response(request)
        bad_request = get_resolver(getattr(request, "urlconf", None)).resolve_error_handler(400)
        return bad_request(request, BadRequest(f"Unreadable character in the {part}."))
