"""Delivery: cache headers, cache keys, the shared page cache and purge backends.

A site-wide service that knows no newsroom domain (docs/apps/delivery.md). The other apps use it
through this small interface:

- `tag_response(response, keys)`: this reader page carries these keys and may be cached;
- `purge(keys, urls=...)`: after the transaction commits, drop every cached page carrying them;
- `shared_cache()`: a cache every worker process on the machine shares (diskcache or Redis);
- `cached_fragment(name, make)`: part of a page kept between renders until one of its keys is
  purged.
"""

from newsdesk.delivery.fragments import cached_fragment
from newsdesk.delivery.headers import cached_page, tag_response
from newsdesk.delivery.keys import make_key
from newsdesk.delivery.services import purge, shared_cache

__all__ = ["cached_fragment", "cached_page", "make_key", "purge", "shared_cache", "tag_response"]
