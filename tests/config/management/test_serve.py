"""`newsdesk serve` runs granian: the site, uploaded media and static files, graceful restart."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from newsdesk.config.management.commands.serve import MEDIA_MAX_AGE, WSGI_TARGET, granian_options


def test_granian_serves_wsgi_py_and_media_from_media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    options = granian_options(host="127.0.0.2", port=8080, workers=3, threads=2, access_log=True)
    assert options["target"] == WSGI_TARGET == "newsdesk.config.wsgi:application"
    assert options["static_path_route"] == ["/media"]
    assert options["static_path_mount"] == [tmp_path / "media"]
    assert (tmp_path / "media").is_dir(), "made, so granian can mount it on a fresh machine"
    assert options["static_path_expires"] == MEDIA_MAX_AGE >= 30 * 24 * 3600
    assert (options["workers"], options["blocking_threads"], options["log_access"]) == (3, 2, True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def raw_get(port: int, path: str) -> int:
    """The status of GET `path` sent as written (urllib would resolve `..` itself)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(
            f"GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".encode()
        )
        status_line = conn.makefile("rb").readline().decode()
    return int(status_line.split()[1])


def wait_for(condition, timeout: float = 90, what: str = "the server") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{what} did not come up within {timeout} s")


@pytest.fixture
def site_files(tmp_path):
    data = tmp_path / "data"
    images = data / "media" / "images"
    images.mkdir(parents=True)
    (images / "front.fill-600x400.webp").write_bytes(b"RIFF\x00\x00\x00\x00WEBPVP8 ")
    (images / "front.fill-600x400.avif").write_bytes(b"\x00\x00\x00\x1cftypavif")
    (images / "front.fill-600x400.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    (data / "secret.txt").write_text("NEWSDESK_SECRET_KEY=do-not-show")
    (data / "media" / "link.txt").symlink_to(data / "secret.txt")
    (data / "static").mkdir()
    (data / "static" / "hello.txt").write_text("static through WhiteNoise")
    return data


@pytest.fixture
def server(site_files, tmp_path):
    port = free_port()
    log = (tmp_path / "serve.log").open("w+")
    env = {
        # SQLite in the temporary data folder: the server under test touches no shared database.
        **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")},
        "DJANGO_SETTINGS_MODULE": "newsdesk.config.settings.production",
        "NEWSDESK_SECRET_KEY": "test-only",
        "NEWSDESK_DATA_DIR": str(site_files),
        "NEWSDESK_MEDIA_ROOT": str(site_files / "media"),
        "NEWSDESK_STATIC_ROOT": str(site_files / "static"),
    }
    command = [sys.executable, "-m", "newsdesk.config.cli", "serve", "--port", str(port)]
    process = subprocess.Popen(
        [*command, "--workers", "2", "--threads", "2"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: fetch(base + "/static/hello.txt")[0] == 200)
        yield process, base, port, Path(log.name)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        log.close()


@pytest.mark.slow
def test_serves_media_and_static_without_debug_and_restarts_gracefully(server):
    process, base, port, log = server

    for name, content_type in [
        ("front.fill-600x400.webp", "image/webp"),
        ("front.fill-600x400.avif", "image/avif"),
        ("front.fill-600x400.jpg", "image/jpeg"),
    ]:
        status, headers, body = fetch(f"{base}/media/images/{name}")
        assert status == 200, name
        assert headers["content-type"] == content_type
        assert headers["cache-control"] == f"max-age={MEDIA_MAX_AGE}"

    status, headers, body = fetch(base + "/static/hello.txt")
    assert body == b"static through WhiteNoise"

    # Nothing outside MEDIA_ROOT, no listings.
    for path in [
        "/media/../secret.txt",
        "/media/%2e%2e/secret.txt",
        "/media/..%2fsecret.txt",
        "/media/link.txt",
        "/media/",
        "/media/images/",
        "/media/images/missing.jpg",
    ]:
        assert raw_get(port, path) == 404, path

    # SIGHUP: the worker processes are replaced one by one; the site keeps answering.
    process.send_signal(signal.SIGHUP)
    wait_for(lambda: log.read_text().count("Started worker") >= 4, what="the restarted workers")
    assert "HUP signal received" in log.read_text()
    assert fetch(f"{base}/media/images/front.fill-600x400.jpg")[0] == 200
    assert fetch(base + "/static/hello.txt")[0] == 200
    assert process.poll() is None

    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=40) == 0
    assert '"GET /static/hello.txt HTTP/1.1" 200' in log.read_text(), "an access log"


@pytest.mark.parametrize("option", ["--workers", "--threads"])
def test_zero_workers_or_threads_is_refused_with_a_message(option):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="--workers and --threads must be 1 or more"):
        call_command("serve", option, "0")
