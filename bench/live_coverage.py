"""Live coverage under load: many readers polling one live story, an editor posting meanwhile.

    .venv/bin/python bench/live_coverage.py                      # embedded page cache, 60 s
    .venv/bin/python bench/live_coverage.py --seconds 30 --varnish   # and through Varnish

Issue #11's goals, measured on a throwaway site (the demo, SQLite, production settings, in a
temporary folder; nothing of var/ or DATABASE_URL is read):

1. `--readers` (10,000) simulated readers each ask for the updates of the demo's live coverage
   every `--interval` (10) seconds, at the address readers' pages use (one per time window), as
   live.js does. The origin (Django, behind the page cache or behind Varnish) must get no more
   than 2 requests per second: counted by the server itself (bench/live_origin_wsgi.py counts
   every request that reaches Django), not from the readers' side. No reader may see an error.
2. An editor posts an entry every `--post-every` seconds through the admin's composer; each
   reader's first answer that holds it is timed: p95 within the poll interval plus 1 s.
3. Posting takes under 200 ms (the composer's POST: the entry stored, the log written, the purge
   made), while the readers poll.

The readers run in `--clients` processes (asyncio, keep-alive connections); the editor posts
from this process with Django's test client on the same database and cache as the server (the
admin's view, services and purges, without the browser's network round trip). Each server is
granian with `newsdesk serve`'s options (2 workers). Varnish (Debian's, with xkey) runs with
deploy/varnish/newsdesk.vcl in front of a Newsdesk with `NEWSDESK_PAGE_CACHE=0`, as
deploy/newsdesk.env has it; in this session's attempts the readers stalled against it and no
figure came out (docs/apps/live.md, "Measured").
"""

import argparse
import asyncio
import heapq
import json
import multiprocessing
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.serving.peers import start_varnish, varnish_vcl  # noqa: E402
from bench.serving.procs import Processes, free_port, wait_http  # noqa: E402

PYTHON = ROOT / ".venv" / "bin" / "python"
_SEQUENCE = re.compile(rb'"sequence": (\d+)')


def parse(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--readers", type=int, default=10_000)
    parser.add_argument("--interval", type=float, default=10.0, help="Seconds between polls.")
    parser.add_argument("--seconds", type=float, default=60.0, help="Length of each run.")
    parser.add_argument("--post-every", type=float, default=15.0)
    parser.add_argument("--clients", type=int, default=2, help="Reader processes.")
    parser.add_argument("--connections", type=int, default=64, help="Per reader process.")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--varnish", action="store_true", help="Also run through Varnish.")
    parser.add_argument("--keep", action="store_true", help="Keep the temporary folder.")
    return parser.parse_args(argv)


# The readers ------------------------------------------------------------------------------


async def _readers(port, path_base, ids, interval, window, seconds, connections, start):
    """Poll as live.js does, each reader at its own phase; return what each saw."""
    due = [(start + (i * 7919 % 1000) / 1000 * interval, i) for i in ids]
    heapq.heapify(due)
    queue: asyncio.Queue = asyncio.Queue()
    end = start + seconds
    stats = {"requests": 0, "errors": 0, "dropped": 0, "statuses": {}, "cache": {}, "late": []}
    seen: dict[int, int] = {}
    changes: list[tuple[int, float, int]] = []  # reader, when, sequence

    async def schedule():
        while due:
            when, reader = due[0]
            if when >= end:
                break
            delay = when - time.time()
            if delay > 0:
                await asyncio.sleep(min(delay, 0.05))
                continue
            heapq.heappop(due)
            queue.put_nowait((when, reader))
            heapq.heappush(due, (when + interval, reader))
        for _ in range(connections):
            queue.put_nowait(None)

    async def connection():
        reader_stream = writer = None
        while True:
            job = await queue.get()
            if job is None:
                break
            when, reader = job
            if time.time() > end + 5:  # the readers fell behind: what is left is not sent
                stats["dropped"] += 1
                continue
            stats["late"].append(time.time() - when)
            path = f"{path_base}{int(time.time() // window)}/"
            request = (
                f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n"
                "Accept-Language: en\r\n\r\n"
            ).encode()
            try:
                if writer is None:
                    reader_stream, writer = await asyncio.wait_for(
                        asyncio.open_connection("127.0.0.1", port), 30
                    )
                writer.write(request)
                head = await asyncio.wait_for(reader_stream.readuntil(b"\r\n\r\n"), 30)
                lines = head.decode("latin-1").split("\r\n")
                status = int(lines[0].split()[1])
                headers = {}
                for line in lines[1:]:
                    if ":" in line:
                        name, value = line.split(":", 1)
                        headers[name.strip().lower()] = value.strip()
                body = await asyncio.wait_for(
                    reader_stream.readexactly(int(headers.get("content-length", 0))), 30
                )
                if headers.get("connection", "").lower() == "close":
                    writer.close()
                    writer = None
            except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError):
                stats["errors"] += 1
                if writer is not None:
                    writer.close()
                writer = None
                continue
            stats["requests"] += 1
            stats["statuses"][status] = stats["statuses"].get(status, 0) + 1
            cache = headers.get("x-newsdesk-cache") or headers.get("x-cache") or "?"
            stats["cache"][cache] = stats["cache"].get(cache, 0) + 1
            if status != 200:
                stats["errors"] += 1
                continue
            match = _SEQUENCE.search(body[:200])
            sequence = int(match.group(1)) if match else -1
            if os.environ.get("LIVE_BENCH_TRACE") and (reader == ids[0] or cache != "hit"):
                print(f"trace {time.time():.2f} {path} {cache} {sequence}", flush=True)
            if seen.get(reader) != sequence:
                # The first answer too: a reader whose first poll came after a post saw it then.
                changes.append((reader, time.time(), sequence))
                seen[reader] = sequence

    await asyncio.gather(schedule(), *(connection() for _ in range(connections)))
    late = sorted(stats["late"])
    stats["late"] = {
        "p50": late[len(late) // 2] if late else 0,
        "p95": late[int(len(late) * 0.95)] if late else 0,
    }
    stats["first_sequence"] = dict(seen)
    return stats, changes


def reader_process(args, out):
    stats, changes = asyncio.run(_readers(*args))
    out.put((stats, changes))


# The site ---------------------------------------------------------------------------------


def site_env(data_dir: Path, counter: Path, *, page_cache: bool, varnish_port: int | None):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("NEWSDESK_") and k not in ("DATABASE_URL", "REDIS_URL")
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "newsdesk.config.settings.production",
            "NEWSDESK_SECRET_KEY": "bench-" + secrets.token_urlsafe(40),
            "NEWSDESK_DATA_DIR": str(data_dir),
            "NEWSDESK_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "NEWSDESK_BENCH_ORIGIN_COUNTER": str(counter),
            "NEWSDESK_PAGE_CACHE": "1" if page_cache else "0",
            "PYTHONPATH": str(ROOT),
        }
    )
    if varnish_port:
        env["NEWSDESK_VARNISH_URLS"] = f"http://127.0.0.1:{varnish_port}"
    return env


def start_server(procs, env, port, workers, threads, name):
    args = [
        str(PYTHON), "-m", "granian", "--interface", "wsgi", "--workers", str(workers),
        "--blocking-threads", str(threads), "--host", "127.0.0.1", "--port", str(port),
        "--no-log", "--respawn-failed-workers", "bench.live_origin_wsgi:application",
    ]  # fmt: skip
    process = procs.start(name, args, env=env, cwd=ROOT)
    wait_http(f"http://127.0.0.1:{port}/", process=process, timeout=120)
    return process


# One run ----------------------------------------------------------------------------------


def run(name, port, counter: Path, coverage, options, poster):
    from django.conf import settings
    from django.urls import reverse
    from django.utils import translation

    window = settings.NEWSDESK_LIVE_WINDOW_SECONDS
    # The address readers' pages poll, in the story's edition ("/en/live/1/entries/after/").
    with translation.override(coverage.story.locale.language_code):
        base = reverse("live:updates", args=[coverage.pk, 0]).removesuffix("0/")
    counter.write_bytes(b"")
    start = time.time() + 2
    context = multiprocessing.get_context("spawn")
    out = context.Queue()
    workers = []
    for c in range(options.clients):
        ids = list(range(c, options.readers, options.clients))
        args = (port, base, ids, options.interval, window, options.seconds,
                options.connections, start)  # fmt: skip
        process = context.Process(target=reader_process, args=(args, out))
        process.start()
        workers.append(process)
    posts = []
    next_post = start + options.post_every / 2
    while time.time() < start + options.seconds - options.interval - 2:
        if time.time() >= next_post:
            posts.append(poster())
            if os.environ.get("LIVE_BENCH_TRACE"):
                print(f"posted {posts[-1]}", flush=True)
            next_post += options.post_every
        time.sleep(0.05)
    results = [out.get(timeout=options.seconds + 120) for _ in workers]
    for process in workers:
        process.join(30)
    origin = counter.stat().st_size
    total = {"requests": 0, "errors": 0, "dropped": 0, "statuses": {}, "cache": {}}
    changes = []
    late95 = 0.0
    for stats, seen in results:
        total["requests"] += stats["requests"]
        total["errors"] += stats["errors"]
        total["dropped"] += stats["dropped"]
        for key in ("statuses", "cache"):
            for k, v in stats[key].items():
                total[key][str(k)] = total[key].get(str(k), 0) + v
        late95 = max(late95, stats["late"]["p95"])
        changes += seen
    # How long each reader took to see each post: the first answer holding its sequence.
    delays = []
    by_reader: dict[int, list[tuple[float, int]]] = {}
    for reader, when, sequence in changes:
        by_reader.setdefault(reader, []).append((when, sequence))
    for posted_at, sequence in [(p["done"], p["sequence"]) for p in posts]:
        for reader in range(options.readers):
            for when, seq in by_reader.get(reader, ()):
                if seq >= sequence and when >= posted_at - 1:
                    delays.append(max(0.0, when - posted_at))
                    break
    if os.environ.get("LIVE_BENCH_TRACE"):
        for p in posts:
            mine = sorted(
                when - p["done"]
                for r in range(options.readers)
                for when, seq in by_reader.get(r, ())[:1]
                if seq >= p["sequence"]
            )
            print(
                "post",
                p["sequence"],
                "first-change delays p50/p95",
                mine[len(mine) // 2] if mine else None,
                mine[int(len(mine) * 0.95)] if mine else None,
            )
    delays.sort()
    post_ms = sorted(p["ms"] for p in posts)
    return {
        "setup": name,
        "readers": options.readers,
        "seconds": options.seconds,
        "reader_requests_per_s": round(total["requests"] / options.seconds, 1),
        "origin_requests": origin,
        "origin_requests_per_s": round(origin / options.seconds, 2),
        "errors": total["errors"],
        "not_sent_readers_fell_behind": total["dropped"],
        "statuses": total["statuses"],
        "cache": total["cache"],
        "reader_lateness_p95_s": round(late95, 2),
        "posts": len(posts),
        "post_ms_median": round(statistics.median(post_ms), 1) if post_ms else None,
        "post_ms_max": round(max(post_ms), 1) if post_ms else None,
        "seen_p95_s": round(delays[int(len(delays) * 0.95)], 2) if delays else None,
        "seen_max_s": round(delays[-1], 2) if delays else None,
        "seen_count": len(delays),
        "expected_seen": len(posts) * options.readers,
    }


def main(argv=None) -> int:
    options = parse(argv if argv is not None else sys.argv[1:])
    work = Path(tempfile.mkdtemp(prefix="newsdesk-live-bench-"))
    procs = Processes(work)
    counter = work / "origin-count"
    varnish_port = free_port() if options.varnish else None
    env = site_env(work / "data", counter, page_cache=True, varnish_port=varnish_port)
    try:
        # No Varnish to purge yet while the site is made.
        setup_env = {k: v for k, v in env.items() if k != "NEWSDESK_VARNISH_URLS"}
        for command in (
            ["migrate", "--no-input", "-v", "0"],
            ["collectstatic", "--no-input", "-v", "0"],  # production settings read its manifest
            ["load_demo", "--no-renditions"],
        ):
            subprocess.run(
                [str(ROOT / ".venv" / "bin" / "newsdesk"), *command],
                env=setup_env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL,
            )  # fmt: skip
        os.environ.update(env)
        import django

        django.setup()
        from django.contrib.auth import get_user_model
        from django.test import Client

        from newsdesk.live.models import LiveCoverage

        coverage = LiveCoverage.objects.select_related("story__locale").get()
        admin = get_user_model().objects.get(username="admin")
        client = Client(SERVER_NAME="testserver")
        client.force_login(admin)
        composer = f"/admin/live/{coverage.pk}/"
        posted = [0]

        def poster():
            posted[0] += 1
            began = time.perf_counter()
            response = client.post(
                composer, {"text": f"Benchmark entry {posted[0]}.", "action": "post"}, secure=True
            )
            ms = (time.perf_counter() - began) * 1000
            assert response.status_code == 302, response.status_code
            coverage.refresh_from_db()
            return {"done": time.time(), "ms": ms, "sequence": coverage.sequence}

        # Warm the server's imports before timing anything.
        port = free_port()
        start_server(procs, env, port, options.workers, options.threads, "newsdesk")
        poster()
        results = [run("embedded page cache", port, counter, coverage, options, poster)]
        print(json.dumps(results[-1], indent=2), flush=True)
        if options.varnish:
            if not shutil.which("varnishd") and not Path("/usr/sbin/varnishd").exists():
                print("varnishd is not installed (make varnish): skipping Varnish")
            else:
                backend_counter = work / "origin-count-varnish"
                backend_env = site_env(
                    work / "data", backend_counter, page_cache=False, varnish_port=varnish_port
                )
                backend_port = free_port()
                start_server(procs, backend_env, backend_port, options.workers, options.threads,
                             "newsdesk-behind-varnish")  # fmt: skip
                start_varnish(procs, work, varnish_vcl(None), backend_port, varnish_port)
                results.append(
                    run("Varnish", varnish_port, backend_counter, coverage, options, poster)
                )
                print(json.dumps(results[-1], indent=2), flush=True)
        failures = []
        for r in results:
            if r["origin_requests_per_s"] > 2:
                failures.append(f"{r['setup']}: origin {r['origin_requests_per_s']}/s > 2/s")
            if r["errors"]:
                failures.append(f"{r['setup']}: {r['errors']} reader errors")
            if r["not_sent_readers_fell_behind"]:
                failures.append(f"{r['setup']}: the simulated readers fell behind (machine busy)")
            if r["seen_p95_s"] is None or r["seen_p95_s"] > options.interval + 1:
                failures.append(f"{r['setup']}: p95 seen {r['seen_p95_s']} s")
            if r["post_ms_max"] is None or r["post_ms_max"] > 200:
                failures.append(f"{r['setup']}: posting took up to {r['post_ms_max']} ms")
        for failure in failures:
            print("GOAL MISSED:", failure)
        return 1 if failures else 0
    finally:
        procs.stop_all()
        if options.keep:
            print("kept", work)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
