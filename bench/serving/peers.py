"""Configuration and start of every server in the benchmark: ours and the peers, loopback only."""

import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from .procs import Processes, free_port, wait_http

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
PEERS_VENV = ROOT / ".bench-venv"
SERVER_PYTHON = PEERS_VENV / "server" / "bin" / "python"
ISSO_PYTHON = PEERS_VENV / "isso" / "bin" / "python"
SHIPPED_VCL = ROOT / "deploy" / "varnish" / "newsdesk.vcl"
BENCH_VCL = HERE / "bench.vcl"


@dataclass
class Server:
    name: str
    port: int
    process: subprocess.Popen

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"


def newsdesk_env(data_dir: Path, varnish_port: int | None) -> dict[str, str]:
    """The throwaway site: production settings, a generated secret key, SQLite, no Redis."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("NEWSDESK_") and key not in ("DATABASE_URL", "REDIS_URL")
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "newsdesk.config.settings.production",
            "NEWSDESK_SECRET_KEY": secrets.token_urlsafe(50),
            "NEWSDESK_DATA_DIR": str(data_dir),
            "NEWSDESK_ALLOWED_HOSTS": "127.0.0.1,localhost",
            # The benchmark posts thousands of comments from one address: the flood limits
            # would refuse all but the first few. They still run, with a higher ceiling.
            "NEWSDESK_COMMENT_LIMIT_PER_IP": "1000000",
            "NEWSDESK_COMMENT_LIMIT_PER_EMAIL": "1000000",
            "NEWSDESK_MODERATION_RATE_LIMIT_PER_IP": "1000000",
            "NEWSDESK_MODERATION_RATE_LIMIT_PER_EMAIL": "1000000",
            "NEWSDESK_API_RATE_LIMIT": "0",  # goal 8 reads the API from one address
            "PYTHONPATH": str(ROOT),
        }
    )
    if varnish_port:
        env["NEWSDESK_VARNISH_URLS"] = f"http://127.0.0.1:{varnish_port}"
    return env


def start_newsdesk(
    procs: Processes,
    env: dict,
    workers: int,
    threads: int,
    port: int | None = None,
    name: str = "newsdesk",
) -> Server:
    """granian with the options `newsdesk serve` gives it (its branch is not in main yet)."""
    port = port or free_port()
    args = [
        str(SERVER_PYTHON),
        "-m",
        "granian",
        "--interface",
        "wsgi",
        "--workers",
        str(workers),
        "--blocking-threads",
        str(threads),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--no-log",
        "--respawn-failed-workers",
        "newsdesk.config.wsgi:application",
    ]
    process = procs.start(name, args, env=env, cwd=ROOT)
    wait_http(f"http://127.0.0.1:{port}/", process=process)
    return Server(name, port, process)


def start_nginx(procs: Processes, work: Path, page: bytes, workers: int) -> Server:
    """nginx serving `page` as a static file at every path, as it would serve a saved copy."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    root = work / "nginx"
    (root / "html").mkdir(parents=True, exist_ok=True)
    (root / "html" / "page.html").write_bytes(page)
    for path in (root, root / "html"):
        path.chmod(0o755)
    (root / "html" / "page.html").chmod(0o644)
    port = free_port()
    conf = root / "nginx.conf"
    conf.write_text(
        f"""
worker_processes {workers};
daemon off;
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    client_body_temp_path {root}/body;
    proxy_temp_path {root}/proxy;
    fastcgi_temp_path {root}/fastcgi;
    uwsgi_temp_path {root}/uwsgi;
    scgi_temp_path {root}/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {root}/html;
        default_type "text/html; charset=utf-8";
        location / {{ try_files /page.html =404; }}
    }}
}}
"""
    )
    process = procs.start("nginx", [nginx, "-c", str(conf), "-p", str(root)])
    wait_http(f"http://127.0.0.1:{port}/", process=process)
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/") as response:
        if response.read() != page:
            raise RuntimeError("nginx does not serve the page's bytes")
    return Server("nginx", port, process)


def varnish_vcl(vcl: Path | None) -> Path:
    """The VCL to use: --vcl, else deploy/'s when it is in this tree, else the bench's own."""
    if vcl is not None:
        return vcl
    return SHIPPED_VCL if SHIPPED_VCL.exists() else BENCH_VCL


def start_varnish(procs: Processes, work: Path, vcl: Path, backend_port: int, port: int) -> Server:
    """varnishd in the foreground with `vcl`, its backend pointed at our server's port."""
    root = work / "varnish"
    root.mkdir(parents=True, exist_ok=True)
    text = vcl.read_text()
    text, count = re.subn(r'(\.port\s*=\s*)"\d+"', rf'\1"{backend_port}"', text, count=1)
    if count != 1:
        raise RuntimeError(f"{vcl}: no backend .port to point at the server")
    text = re.sub(r'(\.host\s*=\s*)"[^"]+"', r'\1"127.0.0.1"', text, count=1)
    (root / "bench.vcl").write_text(text)
    args = [
        shutil.which("varnishd") or "/usr/sbin/varnishd",
        "-F",
        "-j",
        "none",
        "-n",
        str(root / "instance"),
        "-a",
        f"127.0.0.1:{port}",
        "-T",
        "none",
        "-f",
        str(root / "bench.vcl"),
        "-s",
        "malloc,256m",
    ]
    process = procs.start("varnish", args)
    wait_http(f"http://127.0.0.1:{port}/", process=process)
    return Server("varnish", port, process)


def start_bare_hit(
    procs: Processes, work: Path, path: str, headers, body: bytes, workers: int, threads: int
) -> Server:
    """bare_hit.py under granian: the page stored in diskcache, answered by one read."""
    from diskcache import Cache

    root = work / "bare-hit"
    kept = [(n, v) for n, v in headers.items() if n.lower() not in ("content-length", "age")]
    with Cache(str(root)) as cache:
        cache.set(path, (kept, body))
    port = free_port()
    args = [
        str(SERVER_PYTHON),
        "-m",
        "granian",
        "--interface",
        "wsgi",
        "--workers",
        str(workers),
        "--blocking-threads",
        str(threads),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--no-log",
        "bare_hit:application",
    ]
    env = {**os.environ, "BARE_HIT_DIR": str(root), "PYTHONPATH": str(HERE)}
    process = procs.start("bare-hit", args, env=env, cwd=HERE)
    wait_http(f"http://127.0.0.1:{port}{path}", process=process)
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}") as response:
        if response.read() != body:
            raise RuntimeError("the bare WSGI function does not serve the page's bytes")
    return Server("bare WSGI", port, process)


def start_plain_wagtail(
    procs: Processes, work: Path, story: dict, workers: int, threads: int
) -> tuple[Server, str]:
    """The plain Wagtail peer: migrated, the story page created, under granian like ours."""
    root = work / "plain-wagtail"
    root.mkdir(parents=True, exist_ok=True)
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("NEWSDESK_", "DJANGO_"))},
        "PLAIN_WAGTAIL_DIR": str(root),
        "PLAIN_WAGTAIL_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_SETTINGS_MODULE": "plain_wagtail.settings",
        "PYTHONPATH": str(HERE),
    }
    env.pop("DATABASE_URL", None)
    loaded = subprocess.run(
        [sys.executable, str(HERE / "plain_wagtail" / "load.py")],
        input=json.dumps(story),
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if loaded.returncode:
        raise RuntimeError(f"plain Wagtail setup failed:\n{loaded.stderr[-3000:]}")
    path = loaded.stdout.strip().splitlines()[-1]
    port = free_port()
    args = [
        str(SERVER_PYTHON),
        "-m",
        "granian",
        "--interface",
        "wsgi",
        "--workers",
        str(workers),
        "--blocking-threads",
        str(threads),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--no-log",
        "plain_wagtail.wsgi:application",
    ]
    process = procs.start("plain-wagtail", args, env=env, cwd=HERE)
    wait_http(f"http://127.0.0.1:{port}{path}", process=process)
    return Server("plain Wagtail", port, process), path


def start_isso(
    procs: Processes, work: Path, origin_port: int, workers: int, threads: int
) -> tuple[Server, Path]:
    """Isso from PyPI under granian: moderation on (comments wait, as ours do), guard limits
    raised (as ours are), the same number of workers as ours."""
    root = work / "isso"
    root.mkdir(parents=True, exist_ok=True)
    database = root / "comments.db"
    config = root / "isso.cfg"
    config.write_text(
        f"""[general]
dbpath = {database}
host = http://127.0.0.1:{origin_port}/
notify = stdout
[moderation]
enabled = true
[guard]
enabled = true
ratelimit = 1000000
direct-reply = 1000000
reply-to-self = true
[server]
listen = http://127.0.0.1:0/
[hash]
salt = {secrets.token_hex(8)}
"""
    )
    port = free_port()
    env = {**os.environ, "ISSO_SETTINGS": str(config)}
    args = [
        str(ISSO_PYTHON),
        "-m",
        "granian",
        "--interface",
        "wsgi",
        "--workers",
        str(workers),
        "--blocking-threads",
        str(threads),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--no-log",
        "isso.run:application",
    ]
    process = procs.start("isso", args, env=env, cwd=root)
    wait_http(f"http://127.0.0.1:{port}/info", process=process)
    return Server("Isso", port, process), database
