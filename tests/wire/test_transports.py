"""The watched folder moves what it read; the HTTP poller asks conditionally and backs off.

The HTTP tests run a small server on loopback, on a port of this project's range.
"""

import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from newsdesk.articles.models import Article
from newsdesk.wire.models import IngestLogEntry, WireSource
from newsdesk.wire.transports import backoff, poll_due_sources, poll_folder, poll_http
from tests.wire.conftest import fixture

pytestmark = pytest.mark.django_db

PORTS = range(9300, 9400)


def test_the_folder_moves_read_files_to_done_and_hostile_ones_to_failed(source, tmp_path):
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    (incoming / "a.json").write_bytes(fixture("ninjs-3.json"))
    (incoming / "bomb.xml").write_bytes(fixture("hostile-bomb.xml"))
    (incoming / "b.xml").write_bytes(fixture("nitf.xml"))
    (incoming / "c.xml.part").write_bytes(b"<still being written")
    reports = poll_folder(source)
    assert sorted(r.path.name for r in reports) == ["a.json", "b.xml", "bomb.xml"]
    assert sorted(p.name for p in (incoming / "done").iterdir()) == ["a.json", "b.xml"]
    assert [p.name for p in (incoming / "failed").iterdir()] == ["bomb.xml"]
    assert (incoming / "c.xml.part").exists()
    assert Article.objects.count() == 2
    error = IngestLogEntry.objects.get(level="error")
    assert "entities" in error.message and error.moved_to.endswith("failed/bomb.xml")


class Agency(BaseHTTPRequestHandler):
    """Serves one ninjs item with an ETag; answers 304 to a matching If-None-Match."""

    body = b""
    status = 200
    requests: list = []
    files: dict = {}

    def do_GET(self):
        type(self).requests.append(dict(self.headers))
        if self.path in self.files:
            self.send_response(200)
            self.send_header("Content-Type", "image/jpeg")
            self.end_headers()
            self.wfile.write(self.files[self.path])
            return
        if self.status != 200:
            self.send_response(self.status)
            self.end_headers()
            return
        if self.headers.get("If-None-Match") == '"v1"':
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("ETag", '"v1"')
        self.send_header("Last-Modified", "Wed, 11 Feb 2026 09:30:00 GMT")
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args):
        pass


@pytest.fixture
def agency_server():
    Agency.body, Agency.status, Agency.requests = fixture("ninjs-3.json"), 200, []
    Agency.files = {}
    for port in PORTS:
        try:
            server = ThreadingHTTPServer(("127.0.0.1", port), Agency)
            break
        except OSError:
            continue
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/wire.json"
    server.shutdown()
    server.server_close()


@pytest.fixture
def http_source(source, agency_server):
    source.transport = WireSource.Transport.HTTP
    source.url = agency_server
    source.save()
    return source


def test_http_polling_ingests_then_asks_conditionally(http_source):
    said = poll_http(http_source)
    assert "created" in said
    assert Article.objects.count() == 1
    http_source.refresh_from_db()
    assert http_source.etag == '"v1"' and http_source.failures == 0
    assert "Not modified" in poll_http(http_source)
    assert Agency.requests[-1]["If-None-Match"] == '"v1"'
    assert Agency.requests[-1]["If-Modified-Since"] == "Wed, 11 Feb 2026 09:30:00 GMT"
    assert Article.objects.count() == 1


def test_http_failures_back_off_and_are_logged(http_source):
    Agency.status = 500
    now = timezone.now()
    poll_http(http_source, now)
    http_source.refresh_from_db()
    assert http_source.failures == 1 and "500" in http_source.last_error
    assert http_source.next_poll_at == now + timedelta(minutes=10)
    poll_http(http_source, now)
    http_source.refresh_from_db()
    assert http_source.next_poll_at == now + timedelta(minutes=20)
    assert IngestLogEntry.objects.filter(level="error").count() == 2
    # Not due yet: the worker's poll leaves it alone.
    assert poll_due_sources(now + timedelta(minutes=5)) == []
    Agency.status = 200
    poll_due_sources(now + timedelta(minutes=21))
    http_source.refresh_from_db()
    assert http_source.failures == 0 and Article.objects.count() == 1


def test_backoff_doubles_up_to_six_hours():
    every = timedelta(minutes=5)
    assert [backoff(n, every) for n in (1, 2, 3)] == [every * 2, every * 4, every * 8]
    assert backoff(30, every) == timedelta(hours=6)


def test_only_http_and_https_are_polled(source):
    source.transport = WireSource.Transport.HTTP
    source.url = "file:///etc/passwd"
    source.save()
    assert "Only http and https" in poll_http(source)


def test_a_file_over_the_limit_is_refused_unread_and_logged_once(source, tmp_path, monkeypatch):
    from newsdesk.wire import transports

    monkeypatch.setattr(transports, "MAX_BYTES", 100)
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    (incoming / "big.xml").write_bytes(fixture("nitf.xml"))
    (report,) = poll_folder(source)
    assert "over the 100 bytes allowed" in report.error
    (entry,) = IngestLogEntry.objects.all()
    assert entry.moved_to.endswith("failed/big.xml")
    assert not Article.objects.exists()
