"""Where a purge goes: the embedded page cache, Varnish by key, proxies and CDNs by address.

A backend is a class with `enabled()` and `purge(keys, urls)`; `purge` raises when the purge did
not happen, so it is retried. Backends with `remote = True` talk to another server and run in
the background; the others run at once, in the process that made the change.
"""

import logging
import urllib.error
import urllib.request
from collections.abc import Sequence
from urllib.parse import urljoin, urlsplit

from django.conf import settings

from newsdesk.delivery.pagecache import page_cache

logger = logging.getLogger(__name__)

#: Keys per Varnish purge request, so the header stays well under Varnish's 8 KB limit.
KEYS_PER_REQUEST = 100


class PurgeFailed(Exception):
    """A backend could not purge; the purge is retried."""


class PurgeBackend:
    remote = False

    def enabled(self) -> bool:
        return True

    def purge(self, keys: Sequence[str], urls: Sequence[str]) -> None:
        raise NotImplementedError


class PageCacheBackend(PurgeBackend):
    """The embedded page cache every worker process shares, and the fragments of pages.

    Its purge log also tells the fragment cache (fragments.py) what is stale, so it is on while
    either is, behind Varnish too.
    """

    def enabled(self) -> bool:
        return settings.NEWSDESK_PAGE_CACHE or settings.NEWSDESK_FRAGMENT_CACHE

    def purge(self, keys, urls):
        page_cache().purge(tuple(keys))


def _send(url: str, headers: dict[str, str]) -> int:
    request = urllib.request.Request(url, method="PURGE", headers=headers)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=settings.NEWSDESK_PURGE_TIMEOUT) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        raise PurgeFailed(f"{url} answered {error.code}") from error
    except OSError as error:
        raise PurgeFailed(f"{url}: {error}") from error


def _site_host() -> str:
    return urlsplit(settings.WAGTAILADMIN_BASE_URL).netloc


class VarnishBackend(PurgeBackend):
    """`PURGE /` with `xkey-purge: k1 k2` to each Varnish in NEWSDESK_VARNISH_URLS."""

    remote = True

    def enabled(self) -> bool:
        return bool(settings.NEWSDESK_VARNISH_URLS)

    def purge(self, keys, urls):
        keys = list(keys)
        for varnish in settings.NEWSDESK_VARNISH_URLS:
            for start in range(0, len(keys), KEYS_PER_REQUEST):
                batch = " ".join(keys[start : start + KEYS_PER_REQUEST])
                _send(varnish.rstrip("/") + "/", {"Host": _site_host(), "xkey-purge": batch})


class ProxyPathBackend(PurgeBackend):
    """`PURGE <path>` for each changed address, to each proxy in NEWSDESK_COMMENT_PURGE_URLS.

    For proxies that purge by address (nginx with ngx_cache_purge, or a Varnish configured as in
    earlier versions of docs/discussion-caching.md). Query-string variants are not reached.
    """

    remote = True

    def enabled(self) -> bool:
        return bool(settings.NEWSDESK_COMMENT_PURGE_URLS)

    def purge(self, keys, urls):
        for proxy in settings.NEWSDESK_COMMENT_PURGE_URLS:
            for url in urls:
                _send(proxy.rstrip("/") + urlsplit(url).path, {"Host": _site_host()})


class WagtailFrontendCacheBackend(PurgeBackend):
    """Wagtail's frontend cache (WAGTAILFRONTENDCACHE: HTTP, Cloudflare, CloudFront, Azure).

    These purge by address, so they get the addresses the change named. Wagtail logs a backend
    that fails and does not report it, so these purges are not retried.
    """

    remote = True

    def enabled(self) -> bool:
        return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))

    def purge(self, keys, urls):
        from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

        base = settings.WAGTAILADMIN_BASE_URL
        purge_urls_from_cache([urljoin(base, url) for url in urls])


class RecordingBackend(PurgeBackend):
    """Remembers each purge in `RecordingBackend.purges`, for tests."""

    purges: list[tuple[tuple[str, ...], tuple[str, ...]]] = []

    def purge(self, keys, urls):
        RecordingBackend.purges.append((tuple(keys), tuple(urls)))

    @classmethod
    def purged_keys(cls) -> set[str]:
        """Every key purged since the list was last cleared."""
        return {key for keys, _ in cls.purges for key in keys}
