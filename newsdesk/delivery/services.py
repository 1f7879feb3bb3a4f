"""Purging: after the transaction commits, every configured backend drops the pages of a change.

Local backends (the embedded page cache) purge at once; remote ones (Varnish, a CDN) are sent by
one background thread per process, retried with a growing pause and logged when they fail, so
an editor never waits for a proxy that is down.
"""

import atexit
import logging
import queue
import threading
import time
from collections.abc import Callable, Iterable, Sequence

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.utils.module_loading import import_string

from newsdesk.delivery.backends import PurgeBackend
from newsdesk.delivery.keys import normalise
from newsdesk.delivery.pagecache import CACHE_ALIAS

logger = logging.getLogger(__name__)

#: Seconds between tries of a remote purge; one try more than pauses.
RETRY_PAUSES = (0.5, 2.0, 5.0)

Urls = Iterable[str] | Callable[[], Iterable[str]]


def shared_cache():
    """A cache every process on the machine shares (diskcache, or Redis with REDIS_URL).

    For small values that must agree between workers, such as a story's discussion version.
    """
    return caches[CACHE_ALIAS]


def backends() -> list[PurgeBackend]:
    """The configured purge backends that are turned on."""
    found = [import_string(path)() for path in settings.NEWSDESK_PURGE_BACKENDS]
    return [backend for backend in found if backend.enabled()]


def purge(keys: Iterable[str], urls: Urls = ()) -> None:
    """Drop every cached page carrying one of `keys`, once the current transaction commits.

    `urls` (addresses or paths, or a callable returning them, called only when a backend purges
    by address) name the pages for backends that cannot purge by key.
    """
    keys = normalise(keys)
    if keys:
        transaction.on_commit(lambda: purge_now(keys, urls), robust=True)


def purge_now(keys: Sequence[str], urls: Urls = ()) -> None:
    """Purge at once, outside any transaction; never raises."""
    keys = normalise(keys)
    resolved: tuple[str, ...] | None = None
    for backend in backends():
        if not backend.remote:
            try:
                backend.purge(keys, ())
            except Exception as error:
                logger.warning(
                    "Purge of %s by %s failed, retrying in the background: %s",
                    " ".join(keys),
                    type(backend).__name__,
                    error,
                )
                _sender().put((backend, keys, ()))
            continue
        if resolved is None:
            try:
                resolved = tuple(urls() if callable(urls) else urls)
            except Exception:
                logger.exception("Could not list the addresses to purge for %s", " ".join(keys))
                resolved = ()
        _sender().put((backend, keys, resolved))


class _Sender:
    """One daemon thread per process sending remote purges, in order, with retries."""

    def __init__(self) -> None:
        self.queue: queue.Queue = queue.Queue()
        self.thread = threading.Thread(target=self._run, name="newsdesk-purge", daemon=True)
        self.thread.start()

    def put(self, job) -> None:
        self.queue.put(job)

    def _run(self) -> None:
        while True:
            backend, keys, urls = self.queue.get()
            try:
                _send_with_retries(backend, keys, urls)
            finally:
                self.queue.task_done()

    def wait(self, timeout: float) -> bool:
        """Wait until every queued purge was sent or given up; False if `timeout` ran out."""
        deadline = time.monotonic() + timeout
        while self.queue.unfinished_tasks:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.01)
        return True


def _send_with_retries(backend: PurgeBackend, keys, urls) -> bool:
    name = type(backend).__name__
    for attempt, pause in enumerate((*RETRY_PAUSES, None), start=1):
        try:
            backend.purge(keys, urls)
            return True
        except Exception as error:
            if pause is None:
                logger.error(
                    "Purge of %s by %s gave up after %s tries: %s", keys, name, attempt, error
                )
                return False
            logger.warning("Purge of %s by %s failed (try %s): %s", keys, name, attempt, error)
            time.sleep(pause)
    return False


_sender_instance: _Sender | None = None
_sender_lock = threading.Lock()


def _sender() -> _Sender:
    global _sender_instance
    with _sender_lock:
        if _sender_instance is None:
            _sender_instance = _Sender()
            atexit.register(_drain_at_exit)
    return _sender_instance


def wait_for_purges(timeout: float = 10.0) -> bool:
    """Wait for this process's remote purges; commands call it so a purge survives their exit."""
    return _sender_instance is None or _sender_instance.wait(timeout)


def _drain_at_exit() -> None:
    # A command (publish_scheduled) exits right after its change; give its purges a moment.
    if not wait_for_purges(timeout=sum(RETRY_PAUSES) + 5):
        logger.error("Exiting with remote purges not sent")
