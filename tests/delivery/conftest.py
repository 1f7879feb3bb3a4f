"""Fixtures of the delivery tests: a WSGI client that goes through the page cache's hit path, and
another OS process on the same shared cache."""

import io
import os
import subprocess
import sys
import textwrap

import pytest
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from newsdesk.delivery.wsgi import PageCacheApp


class WSGIResponse:
    def __init__(self, status: str, headers: list[tuple[str, str]], body: bytes):
        self.status_code = int(status.split()[0])
        self.headers = {name.lower(): value for name, value in headers}
        self.header_list = headers
        self.content = body

    def __getitem__(self, name: str) -> str:
        return self.headers[name.lower()]

    def get(self, name: str, default=None):
        return self.headers.get(name.lower(), default)


class WSGIClient:
    """Calls the site as an application server does: PageCacheApp in front of Django."""

    def __init__(self) -> None:
        self.app = PageCacheApp(WSGIHandler())

    def request(self, path: str, method: str = "GET", **headers: str) -> WSGIResponse:
        path, _, query = path.partition("?")
        environ = {
            "REQUEST_METHOD": method,
            "SCRIPT_NAME": "",
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "80",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": "testserver",
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(b""),
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
            **{"HTTP_" + name.upper(): value for name, value in headers.items()},
        }
        answer = {}

        def start_response(status, response_headers, exc_info=None):
            answer["status"], answer["headers"] = status, list(response_headers)

        # As Django's test client does: keep the test's transaction open across the request.
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            result = self.app(environ, start_response)
            body = b"".join(result)
            if hasattr(result, "close"):
                result.close()
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)
        return WSGIResponse(answer["status"], answer["headers"], body)

    def get(self, path: str, **headers: str) -> WSGIResponse:
        return self.request(path, "GET", **headers)


@pytest.fixture
def wsgi_client() -> WSGIClient:
    return WSGIClient()


def run_in_another_process(code: str) -> str:
    """Run `code` (after django.setup()) in a new Python process on this test's shared cache and
    purge log; return what it printed, failing the test if it failed."""
    script = "import django\ndjango.setup()\n" + textwrap.dedent(code)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsdesk.config.settings.test",
        "NEWSDESK_DATA_DIR": str(settings.DATA_DIR),
        "NEWSDESK_PAGE_CACHE_DIR": settings.CACHES["delivery"]["LOCATION"],
        "NEWSDESK_PURGE_BACKENDS": "newsdesk.delivery.backends.PageCacheBackend",
    }
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()
