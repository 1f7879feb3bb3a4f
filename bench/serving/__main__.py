"""Breaking-news serving (issue 13): Newsdesk against nginx, Varnish, plain Wagtail and Isso.

    .venv/bin/python -m bench.serving                    # short run, a few minutes
    .venv/bin/python -m bench.serving --seconds 10 --rounds 3 --breaking-seconds 60 \\
        --memory-requests 100000 --write-docs         # the issue's figures

Everything runs on loopback in a temporary folder and is stopped at the end, on error or Ctrl-C.
bench/README.md describes each goal's setup; `make bench` installs the peers and runs this.
"""

import argparse
import datetime
import json
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

from . import api_list, peers, report
from . import goals as goals_module
from .load import Client
from .procs import Processes, free_port

ROOT = peers.ROOT
DEFAULT_DOC = ROOT / "docs" / "performance.md"


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.serving", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--workers", type=int, default=2, help="Worker processes of each Python server (2)."
    )
    parser.add_argument(
        "--threads", type=int, default=4, help="Threads per worker, as `newsdesk serve` (4)."
    )
    parser.add_argument("--seconds", type=float, default=5, help="Length of each wrk run (5).")
    parser.add_argument(
        "--rounds", type=int, default=2, help="Turns each setup takes (2: A, B, A, B)."
    )
    parser.add_argument(
        "--connections", type=int, default=64, help="Connections for cache hits (64)."
    )
    parser.add_argument(
        "--render-connections", type=int, default=8, help="Connections for renders, goal 3 (8)."
    )
    parser.add_argument(
        "--posts",
        type=int,
        default=60,
        help="Comments posted sequentially a round; 3x at 16 connections (60).",
    )
    parser.add_argument("--cold", type=int, default=40, help="Cold story renders a round (40).")
    parser.add_argument(
        "--breaking-seconds", type=int, default=20, help="Goal 6's run; the issue's is 60 (20)."
    )
    parser.add_argument(
        "--memory-requests",
        type=int,
        default=20000,
        help="Goal 7's requests; the issue's is 100000 (20000).",
    )
    parser.add_argument(
        "--fresh-timeout",
        type=float,
        default=15,
        help="Give up on a change after this many seconds (15).",
    )
    parser.add_argument(
        "--vcl",
        type=Path,
        help="VCL for Varnish (default: deploy/varnish/newsdesk.vcl if present, "
        "else bench/serving/bench.vcl).",
    )
    parser.add_argument(
        "--goals", default="1,2,3,4,5,6,7,8", help="Which goals to run (1,2,3,4,5,6,7,8)."
    )
    parser.add_argument(
        "--write-docs",
        nargs="?",
        const=DEFAULT_DOC,
        type=Path,
        help="Write the table into docs/performance.md (or this file).",
    )
    parser.add_argument(
        "--varnish-over-page-cache",
        action="store_true",
        help="Put Varnish in front of the server with the page cache on (deploy/ turns it off).",
    )
    parser.add_argument(
        "--settle",
        type=float,
        default=1.5,
        help="Seconds between two changes of goal 5 "
        "(1.5: more than the page cache's re-render lock).",
    )
    parser.add_argument("--keep", action="store_true", help="Keep the temporary folder (its logs).")
    return parser.parse_args(argv)


def missing_tools() -> list[str]:
    missing = [
        tool
        for tool in ("wrk", "nginx", "varnishd")
        if not (shutil.which(tool) or Path(f"/usr/sbin/{tool}").exists())
    ]
    if not Path("/usr/lib/x86_64-linux-gnu/varnish/vmods/libvmod_xkey.so").exists() and not list(
        Path("/usr/lib").glob("*/varnish/vmods/libvmod_xkey.so")
    ):
        missing.append("varnish-modules (vmod xkey)")
    for python, what in ((peers.SERVER_PYTHON, "granian"), (peers.ISSO_PYTHON, "isso")):
        if not python.exists():
            missing.append(f"{python.parent.parent} ({what}; `make bench-peers`)")
    return missing


class Ops:
    """The newsroom's process (bench/serving/ops.py): one JSON command in, one answer out."""

    def __init__(self, procs: Processes, env: dict):
        self.process = procs.start(
            "ops",
            [sys.executable, str(peers.HERE / "ops.py")],
            env=env,
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.read()

    def read(self) -> dict:
        while True:
            line = self.process.stdout.readline()
            if not line:
                raise RuntimeError("the ops process stopped (see ops.log in the work folder)")
            if line.startswith("{"):
                return json.loads(line)

    def __call__(self, op: str, **args) -> dict:
        self.process.stdin.write(json.dumps({"op": op, **args}) + "\n")
        self.process.stdin.flush()
        answer = self.read()
        if "error" in answer:
            raise RuntimeError(f"ops {op}: {answer['error']}")
        return answer


def newsdesk(env: dict, *args: str) -> None:
    subprocess.run(
        [str(Path(sys.executable).parent / "newsdesk"), *args], env=env, cwd=ROOT, check=True
    )


def versions() -> str:
    def out(args):
        try:
            done = subprocess.run(args, capture_output=True, text=True, timeout=20)
            return (done.stdout + done.stderr).strip().splitlines()[0]
        except (OSError, IndexError, subprocess.SubprocessError):
            return "?"

    import django
    import wagtail

    return "; ".join(
        [
            out(["nginx", "-v"]).replace("nginx version: ", ""),
            "Varnish " + out(["varnishd", "-V"]).split("varnish-")[-1].split()[0],
            out(["wrk", "-v"]).split("[")[0].strip(),
            "granian "
            + out([str(peers.SERVER_PYTHON), "-c", "import granian; print(granian.__version__)"]),
            f"Django {django.__version__}, Wagtail {wagtail.__version__}",
            "Isso " + out([str(peers.ISSO_PYTHON), "-c", "import isso; print(isso.__version__)"]),
            f"Python {platform.python_version()}",
        ]
    )


def main(argv: list[str]) -> int:
    options = parse(argv)
    command = "python -m bench.serving " + " ".join(argv) if argv else "python -m bench.serving"
    if missing := missing_tools():
        print(
            "bench/serving needs: "
            + ", ".join(missing)
            + ". `make bench` installs them (as root).",
            file=sys.stderr,
        )
        return 2
    if options.rounds < 1 or options.seconds < 1:
        print("--rounds and --seconds must be 1 or more", file=sys.stderr)
        return 2
    wanted = {int(n) for n in options.goals.split(",") if n}
    work = Path(tempfile.mkdtemp(prefix="newsdesk-serving-"))
    work.chmod(0o711)  # nginx's workers (nobody) must reach the page they serve
    procs = Processes(work)
    # SIGTERM stops the run as Ctrl-C does: through `finally`, which stops every server.
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    results: list = []
    failures: list[str] = []
    started = time.monotonic()
    try:
        print(f"Work folder: {work}", flush=True)
        varnish_port, newsdesk_port = free_port(), free_port()
        env = peers.newsdesk_env(work / "site", varnish_port)
        print("Setting up the throwaway site (migrate, collectstatic, the demo) ...", flush=True)
        setup_env = {k: v for k, v in env.items() if k != "NEWSDESK_VARNISH_URLS"}
        newsdesk(setup_env, "migrate", "--no-input", "-v", "0")
        newsdesk(setup_env, "collectstatic", "--no-input", "-v", "0")
        newsdesk(setup_env, "load_demo")
        servers = {}
        vcl = peers.varnish_vcl(options.vcl)
        # Varnish's backend: as deploy/newsdesk.env has it, Newsdesk with its page cache off
        # (Varnish is the page cache), unless --varnish-over-page-cache.
        backend_port = newsdesk_port if options.varnish_over_page_cache else free_port()
        servers["varnish"] = peers.start_varnish(procs, work, vcl, backend_port, varnish_port)
        ops = Ops(procs, env)
        site = ops("prepare", comments=50, cold=options.cold * options.rounds if 3 in wanted else 0)
        print(f"Lead story: {site['lead']['url']}", flush=True)
        servers["newsdesk"] = peers.start_newsdesk(
            procs, env, options.workers, options.threads, newsdesk_port
        )
        if not options.varnish_over_page_cache:
            servers["backend"] = peers.start_newsdesk(
                procs,
                {**env, "NEWSDESK_PAGE_CACHE": "0"},
                options.workers,
                options.threads,
                backend_port,
                name="backend",
            )
        client = Client(servers["newsdesk"].port)
        for _ in range(3):
            status, headers, page = client.request("GET", site["lead"]["url"])
        if status != 200 or headers.get("X-Newsdesk-Cache") != "hit":
            raise RuntimeError(
                "the lead story is not a page-cache hit: "
                f"{status} {headers.get('X-Newsdesk-Cache')}"
            )
        site["page_bytes"] = len(page)
        servers["nginx"] = peers.start_nginx(procs, work, page, options.workers)
        if 2 in wanted:
            servers["bare"] = peers.start_bare_hit(
                procs, work, site["lead"]["url"], headers, page, options.workers, options.threads
            )
        wagtail_path = None
        if 3 in wanted:
            servers["wagtail"], wagtail_path = peers.start_plain_wagtail(
                procs, work, site, options.workers, options.threads
            )
            size = len(Client(servers["wagtail"].port).request("GET", wagtail_path)[2])
            print(f"Plain Wagtail page: {size:,} bytes; ours {len(page):,}", flush=True)
        isso_db = None
        if 4 in wanted:
            servers["isso"], isso_db = peers.start_isso(
                procs, work, servers["nginx"].port, options.workers, options.threads
            )
        front = client.request("GET", "/")[2].decode()
        import re

        site["all_paths"] = sorted(
            set(re.findall(r'href="(/[a-z0-9/_-]*)"', front)) - {"/search/"}
            | {site["lead"]["url"], site["discussed"]["url"], "/"}
        )
        bench = goals_module.Bench(options, servers, site, ops, work, wagtail_path, isso_db)
        print(f"Varnish VCL: {vcl}", flush=True)
        steps = [
            ({1, 2}, "Goals 1 and 2: cache hits", bench.hits),
            ({3}, "Goal 3: renders", bench.render),
            ({4}, "Goal 4: comments", bench.comments),
            ({5}, "Goal 5: freshness", bench.freshness),
            ({6}, "Goal 6: breaking news", bench.breaking),
            ({7}, "Goal 7: memory", bench.memory),
            ({8}, "Goal 8: API story list", lambda: api_list.measure(bench)),
        ]
        for numbers, title, step in steps:
            if not numbers & wanted:
                continue
            print(f"\n{title}", flush=True)
            try:
                results += [goal for goal in step() if goal.number in wanted]
            except Exception as error:  # one goal failing must not lose the others' figures
                traceback.print_exc()
                failures.append(f"{title}: {type(error).__name__}: {error}")
        minutes = (time.monotonic() - started) / 60
        vcl_name = (
            "deploy/varnish/newsdesk.vcl"
            if vcl == peers.SHIPPED_VCL
            else "bench/serving/bench.vcl (bench-only)"
            if vcl == peers.BENCH_VCL
            else str(vcl)
        )
        header = [
            f"Measured {datetime.date.today().isoformat()} on {platform.node()} "
            f"({len(__import__('os').sched_getaffinity(0))} CPUs, shared), "
            f"{minutes:.0f} minutes, with:",
            "",
            "```sh",
            command,
            "```",
            "",
            f"{options.workers} granian workers ({options.threads} threads each) for each Python "
            f"server, `newsdesk.config.wsgi:application` with the options `newsdesk serve` gives "
            "granian (called directly: `newsdesk serve` on granian is not in main yet), "
            "access log "
            f"off; nginx with {options.workers} worker processes; production settings, SQLite, no "
            f"Redis; Varnish with {vcl_name} in front of "
            + (
                "the same server (page cache on)"
                if options.varnish_over_page_cache
                else f"a second Newsdesk server ({options.workers} workers) with "
                "NEWSDESK_PAGE_CACHE=0, as deploy/newsdesk.env has it"
            )
            + f". wrk with 2 threads on the same 2 cores; "
            f"{options.seconds:g} s a run, {options.rounds} rounds with the setups taking turns; "
            "req/s, p50 and p99 are the medians over the rounds. Versions: " + versions() + ".",
        ]
        body = report.text(results, header, failures)
        print("\n" + body)
        if options.write_docs:
            report.write_docs(options.write_docs, body)
            print(f"\nWritten to {options.write_docs}")
        return 1 if failures else 0
    except KeyboardInterrupt:
        print("\nInterrupted: stopping every server.", file=sys.stderr)
        return 130
    finally:
        procs.stop_all()
        if options.keep:
            print(f"Kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
