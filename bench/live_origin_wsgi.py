"""The site as newsdesk.config.wsgi builds it, with a counter between the page cache and Django.

For bench/live_coverage.py only: every request that reaches Django (the origin: a page-cache
miss, or with the page cache off every request Varnish passes on) appends one byte to the file
`NEWSDESK_BENCH_ORIGIN_COUNTER` names (O_APPEND: one atomic write per request, from every
worker process). Its size is the number of origin requests.
"""

import os

from django.core.wsgi import get_wsgi_application

from newsdesk.delivery.wsgi import PageCacheApp

_COUNTER = os.environ["NEWSDESK_BENCH_ORIGIN_COUNTER"]


class CountingApp:
    def __init__(self, app):
        self.app = app
        self.fd = os.open(_COUNTER, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)

    def __call__(self, environ, start_response):
        os.write(self.fd, b".")
        return self.app(environ, start_response)


application = PageCacheApp(CountingApp(get_wsgi_application()))
