"""deploy/varnish/newsdesk.vcl in a real varnishd, in front of a small backend that sends pages as
Newsdesk does (xkey, Cache-Control, Set-Cookie). Skipped when Varnish is not installed
(`make varnish` installs it as root)."""

import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

VCL = Path(__file__).resolve().parents[2] / "deploy" / "varnish" / "newsdesk.vcl"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
XKEY_VMOD = list(Path("/usr/lib").glob("*/varnish/vmods/libvmod_xkey.so"))

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not (Path(VARNISHD).exists() and XKEY_VMOD),
        reason="Varnish with the xkey module is not installed (make varnish installs it)",
    ),
]

CACHEABLE = "public, max-age=300, stale-while-revalidate=30, stale-if-error=86400"
PAGES = {
    "/en/": ("front", CACHEABLE),
    "/en/security/": ("section-3 front", CACHEABLE),
    "/en/security/2026/12/01/ceasefire/": ("story-12 section-3 front", CACHEABLE),
    "/en/politics/2026/12/01/budget/": ("story-13 section-4", CACHEABLE),
    "/en/tags/ukraine/": ("tag-ukraine", CACHEABLE),
    # Expires at once, may stand in for a backend that is down for a day.
    "/en/security/2026/12/01/outage/": ("story-14", "public, max-age=1, stale-if-error=86400"),
    "/admin/": ("", "private, no-cache"),
    "/en/plain/": ("", None),
}


class Newsdesk(BaseHTTPRequestHandler):
    """Answers like Newsdesk: each page names its keys and tries to set a cookie."""

    def do_GET(self):
        server = self.server
        if server.down:
            # A backend that accepts and hangs up: what Varnish sees of a crashed process.
            self.close_connection = True
            return
        path = self.path.split("?")[0]
        if path == "/":
            server.root_requests += 1
            # As Newsdesk: the root sends a reader to their edition. A probe must not ask here.
            self.send_response(302)
            self.send_header("Location", "/en/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if path == "/healthz":
            server.probes += 1
            self.send_response(200)
            self.send_header("Content-Length", "3")
            self.send_header("Cache-Control", "max-age=0, no-cache, no-store, must-revalidate")
            self.end_headers()
            self.wfile.write(b"ok\n")
            return
        if path not in PAGES:
            self.send_error(404)
            return
        server.renders[path] += 1
        server.cookies_seen.append((path, self.headers.get("Cookie")))
        keys, cache_control = PAGES[path]
        body = f"{path} render {server.renders[path]}".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        if cache_control:
            self.send_header("Cache-Control", cache_control)
        if keys:
            self.send_header("xkey", keys)
        self.send_header("Set-Cookie", "csrftoken=abc123; Path=/")
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        # A comment posted: answered with headers that would make it cacheable, were it a GET.
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.renders["POST " + self.path] += 1
        self.server.cookies_seen.append(("POST " + self.path, self.headers.get("Cookie")))
        self.send_response(200)
        self.send_header("Cache-Control", CACHEABLE)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, format, *args):
        pass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Stack:
    def __init__(self, workdir: Path):
        self.backend = ThreadingHTTPServer(("127.0.0.1", 0), Newsdesk)
        self.backend.daemon_threads = True
        self.backend.down = False
        self.backend.probes = 0
        self.backend.root_requests = 0
        self.backend.renders = Counter()
        self.backend.cookies_seen = []
        threading.Thread(target=self.backend.serve_forever, daemon=True).start()

        vcl = VCL.read_text()
        assert '.port = "8000";' in vcl
        vcl = vcl.replace('.port = "8000";', f'.port = "{self.backend.server_address[1]}";')
        (workdir / "newsdesk.vcl").write_text(vcl)
        self.port = free_port()
        self.varnishd = subprocess.Popen(
            [
                VARNISHD,
                "-F",
                "-n", str(workdir / "varnish"),
                "-a", f"127.0.0.1:{self.port}",
                "-f", str(workdir / "newsdesk.vcl"),
                "-s", "malloc,32m",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.varnishd.poll() is not None:
                raise AssertionError(f"varnishd stopped: {self.varnishd.stdout.read().decode()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise AssertionError("varnishd did not start listening")

    def request(self, path, method="GET", headers=None, source="127.0.0.1", body=b""):
        """(status, headers, body) of one request to Varnish, sent from the address `source`."""
        conn = socket.create_connection(
            ("127.0.0.1", self.port), timeout=10, source_address=(source, 0)
        )
        lines = [f"{method} {path} HTTP/1.1", "Host: news.example.org", "Connection: close"]
        lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
        with conn:
            conn.sendall(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
            raw = b""
            while chunk := conn.recv(65536):
                raw += chunk
        head, _, body = raw.partition(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        response_headers = {}
        for line in header_lines:
            name, _, value = line.partition(":")
            response_headers.setdefault(name.strip().lower(), []).append(value.strip())
        return int(status_line.split()[1]), response_headers, body

    def get(self, path, **kwargs):
        return self.request(path, **kwargs)

    def stop(self):
        self.varnishd.terminate()
        try:
            self.varnishd.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.varnishd.kill()
            self.varnishd.wait()
        self.backend.shutdown()
        self.backend.server_close()


def new_stack():
    # varnishd drops root for its own users (varnish, vcache): they must reach the folder.
    workdir = Path(tempfile.mkdtemp(prefix="newsdesk-varnish-"))
    workdir.chmod(0o755)
    stack = Stack(workdir)
    return stack, workdir


@pytest.fixture(scope="module")
def stack():
    stack, workdir = new_stack()
    yield stack
    stack.stop()
    shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture
def fresh(stack):
    """Each test starts with nothing cached and its own render counts."""
    status, _, _ = stack.request("/", method="BAN")
    assert status == 200
    stack.backend.renders.clear()
    stack.backend.cookies_seen.clear()
    stack.backend.down = False
    return stack


def test_a_second_get_is_a_hit_without_the_backend(fresh):
    status, headers, body = fresh.get("/en/security/2026/12/01/ceasefire/")
    assert (status, headers["x-cache"], body) == (
        200,
        ["MISS"],
        b"/en/security/2026/12/01/ceasefire/ render 1",
    )
    status, headers, body = fresh.get("/en/security/2026/12/01/ceasefire/")
    assert (status, headers["x-cache"]) == (200, ["HIT"])
    assert int(headers["age"][0]) >= 0
    assert body.endswith(b"render 1")
    assert fresh.backend.renders["/en/security/2026/12/01/ceasefire/"] == 1
    assert "xkey" not in headers, "the keys stay inside Varnish"


def test_anonymous_pages_lose_their_cookies_both_ways(fresh):
    status, headers, _ = fresh.get(
        "/en/security/",
        headers={"Cookie": "csrftoken=xyz; _ga=GA1.2.3", "Accept-Language": "fr-FR,fr"},
    )
    assert status == 200
    assert "set-cookie" not in headers, "no reader's cookie is stored with a shared page"
    assert fresh.backend.cookies_seen == [("/en/security/", None)]
    # Another reader with other cookies gets the same cached page.
    status, headers, _ = fresh.get(
        "/en/security/", headers={"Cookie": "other=1", "Accept-Language": "fr"}
    )
    assert headers["x-cache"] == ["HIT"]


def test_a_signed_in_editor_passes_through_uncached_with_cookies(fresh):
    cookie = "sessionid=s3cr3t; csrftoken=abc"
    for expected in (1, 2):
        status, headers, body = fresh.get(
            "/en/security/2026/12/01/ceasefire/", headers={"Cookie": cookie}
        )
        assert status == 200
        assert headers["x-cache"] == ["MISS"]
        assert body.endswith(f"render {expected}".encode())
        assert headers["set-cookie"] == ["csrftoken=abc123; Path=/"]
    assert fresh.backend.cookies_seen[-1] == ("/en/security/2026/12/01/ceasefire/", cookie)
    # Nor does the editor's visit leave a copy behind for readers.
    _, headers, body = fresh.get("/en/security/2026/12/01/ceasefire/")
    assert headers["x-cache"] == ["MISS"]


def test_a_request_with_credentials_is_never_served_from_the_cache(fresh):
    fresh.get("/en/security/")
    _, headers, _ = fresh.get("/en/security/", headers={"Authorization": "Bearer token"})
    assert headers["x-cache"] == ["MISS"]
    assert fresh.backend.renders["/en/security/"] == 2


def test_the_admin_and_posts_are_never_cached(fresh):
    for _ in range(2):
        _, headers, _ = fresh.get("/admin/", headers={"Cookie": "csrftoken=abc"})
        assert headers["x-cache"] == ["MISS"]
    assert fresh.backend.renders["/admin/"] == 2
    assert fresh.backend.cookies_seen[-1] == ("/admin/", "csrftoken=abc")
    for _ in range(2):
        status, headers, _ = fresh.request(
            "/en/discussion/12/comments/",
            method="POST",
            headers={"Cookie": "csrftoken=abc", "Content-Length": "2"},
            body=b"hi",
        )
        assert (status, headers["x-cache"]) == (200, ["MISS"])
    assert fresh.backend.renders["POST /en/discussion/12/comments/"] == 2
    assert fresh.backend.cookies_seen[-1] == ("POST /en/discussion/12/comments/", "csrftoken=abc")
    # A page that says nothing about caching is not cached either.
    fresh.get("/en/plain/")
    _, headers, _ = fresh.get("/en/plain/")
    assert headers["x-cache"] == ["MISS"]


def test_purge_by_key_from_loopback_drops_only_the_tagged_pages(fresh):
    for path in (
        "/en/",
        "/en/security/",
        "/en/security/2026/12/01/ceasefire/",
        "/en/politics/2026/12/01/budget/",
        "/en/tags/ukraine/",
    ):
        fresh.get(path)
    status, headers, body = fresh.request("/", method="PURGE", headers={"xkey-purge": "section-3"})
    assert status == 200
    assert headers["xkey-purged"] == ["2"]
    assert b"Invalidated 2 objects" in body

    def rendered_again(path):
        before = fresh.backend.renders[path]
        fresh.get(path)
        time.sleep(0.3)  # a soft purge refetches in the background
        return fresh.backend.renders[path] > before

    assert rendered_again("/en/security/")
    assert rendered_again("/en/security/2026/12/01/ceasefire/")
    assert not rendered_again("/en/")
    assert not rendered_again("/en/politics/2026/12/01/budget/")
    assert not rendered_again("/en/tags/ukraine/")
    # The purged page is fresh for the next reader.
    _, _, body = fresh.get("/en/security/2026/12/01/ceasefire/")
    assert body.endswith(b"render 2")


def test_purge_by_url_for_wagtails_frontend_cache(fresh):
    fresh.get("/en/tags/ukraine/")
    status, _, _ = fresh.request("/en/tags/ukraine/", method="PURGE")
    assert status == 200
    _, headers, body = fresh.get("/en/tags/ukraine/")
    assert headers["x-cache"] == ["MISS"]
    assert body.endswith(b"render 2")


def test_purge_and_ban_from_an_address_outside_the_acl_are_refused(fresh):
    fresh.get("/en/security/")
    for method in ("PURGE", "BAN"):
        status, _, _ = fresh.request(
            "/", method=method, headers={"xkey-purge": "front"}, source="127.0.0.2"
        )
        assert status == 403
    # Relayed by the TLS terminator on this machine: loopback, but not one of ours.
    status, _, _ = fresh.request(
        "/", method="PURGE", headers={"xkey-purge": "front", "X-Forwarded-Proto": "https"}
    )
    assert status == 403
    _, headers, _ = fresh.get("/en/security/")
    assert headers["x-cache"] == ["HIT"], "nothing was purged"


def test_the_probe_asks_the_health_address_and_keeps_a_live_backend_in_use(fresh):
    """Probing "/" (a 302 to the edition) marked Newsdesk sick: every miss became a 503."""
    time.sleep(7)  # more probes than the window: a failing probe would have made it sick
    assert fresh.backend.probes >= 2  # only probes ask for /healthz
    assert fresh.backend.root_requests == 0
    status, _, body = fresh.get("/en/politics/2026/12/01/budget/")  # a miss, fetched now
    assert status == 200 and body.endswith(b"render 1")


def test_grace_serves_the_stale_page_while_the_backend_is_down():
    stack, workdir = new_stack()
    try:
        path = "/en/security/2026/12/01/outage/"
        assert stack.get(path)[2].endswith(b"render 1")
        time.sleep(1.5)
        # Expired, backend healthy: rendered again, not served stale.
        _, _, body = stack.get(path)
        assert body.endswith(b"render 2")
        time.sleep(1.5)

        stack.backend.down = True
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            status, _, body = stack.get(path)
            if status == 200:
                break
            time.sleep(0.5)
        assert status == 200, "the stale page stands in once Varnish sees the backend is down"
        assert body.endswith(b"render 2")
        # A page never cached has nothing to stand in.
        assert stack.get("/en/tags/ukraine/")[0] == 503
    finally:
        stack.stop()
        shutil.rmtree(workdir, ignore_errors=True)
