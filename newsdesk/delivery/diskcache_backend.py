"""The `delivery` cache without Redis: diskcache's Django backend, its files kept open.

Django closes every cache at the end of each request. diskcache's backend then closes its
SQLite connections (one per shard), and the next request opens them again and runs their
pragmas: measured at about a millisecond a request on the story page (docs/performance-render.md).
The connections belong to their thread, and diskcache opens new ones after a fork, so keeping
them open between requests is safe; `close_now()` still closes them.
"""

from diskcache import DjangoCache


class KeptOpenDjangoCache(DjangoCache):
    """diskcache's DjangoCache whose connections outlive a request."""

    def close(self, **kwargs) -> None:
        """Called by Django after each request: keep the connections."""

    def close_now(self) -> None:
        """Close this thread's connections."""
        super().close()
