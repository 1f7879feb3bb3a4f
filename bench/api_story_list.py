#!/usr/bin/env python
"""The content API's story list against the section page of the same stories, through the whole
stack a reader's request goes through (issue 9; a step of `make bench`).

    .venv/bin/python bench/api_story_list.py [--renders 30] [--requests 2000] [--rounds 5]
        [--stories 12]

A throwaway site (production settings, debug off, SQLite, no Redis, `migrate`, `collectstatic`,
`load_demo --no-renditions`) whose largest English section is filled to `--stories` published
stories (copies of its own, with their bylines, tags and lead photos). Both addresses are asked
in this process through `newsdesk.config.wsgi.application`, the application servers run: the page
cache's WSGI hit path, then Django's handler with every middleware (delivery, security headers,
sessions, editions, CSRF, auth, OTP, ...), the view and, for the API, its rate limit (kept on:
its counter is one more statement per render, a write; `NEWSDESK_API_RATE_LIMIT` is raised so
that it never refuses; `--no-rate-limit` turns it off). No HTTP server or client: what is timed
is the site's own work, the same for both.

- API: `/api/v1/stories/?section=<slug>&limit=<the section page's page size>`, so that the two
  show the same stories (the script checks that every story of the API's answer is linked from
  the page);
- page: the section page, `/en/<slug>/`.

The setups, one after the other, each round; in each setup the API and the page take turns
request by request (A, B, B, A, ...):

- `cold`: every cache emptied before each request (the page cache purged of everything,
  fragments, navigation, discussion policies and versions, Django's caches, renditions' cache),
  then the request renders and is stored: the first reader after a purge of everything;
- `miss`: only this address dropped from the page cache, the rest warm: the first reader after
  a story change (which purges the list and the section page);
- `hit`: 200 from the page cache's WSGI hit path, before Django;
- `304`: the same with `If-None-Match: <its ETag>`, a 304 from the hit path (a browser's or a
  CDN's revalidation);
- `304-origin`: the conditional request with `NEWSDESK_PAGE_CACHE` off, as Newsdesk runs behind
  Varnish (`deploy/newsdesk.env`): Django renders and `DeliveryMiddleware` answers 304.

It prints milliseconds per request (wall and this process's CPU time), SQL statements, bytes, and
page/API per setup (above 1: the API answers in less time), each the median of the rounds'
ratios. The machine is shared and noisy: quote the ratios. Exits 1 if an answer is not what its
setup should give (status, `X-Newsdesk-Cache`, the same stories).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SETUPS = ("cold", "miss", "hit", "304", "304-origin")
RENDERS = {"cold", "miss", "304-origin"}
#: What each setup must answer: status and the page cache's `X-Newsdesk-Cache` (None: absent).
EXPECTED = {
    "cold": (200, "miss"),
    "miss": (200, "miss"),
    "hit": (200, "hit"),
    "304": (304, "hit"),
    "304-origin": (304, None),
}


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--renders", type=int, default=30, help="requests per round of each rendering setup"
    )
    parser.add_argument(
        "--requests", type=int, default=2000, help="requests per round of `hit` and `304`"
    )
    parser.add_argument("--rounds", type=int, default=5, help="rounds of every setup")
    parser.add_argument(
        "--stories",
        type=int,
        default=12,
        help="published stories in the measured section (12: one section page)",
    )
    parser.add_argument(
        "--no-rate-limit",
        action="store_true",
        help="NEWSDESK_API_RATE_LIMIT=0: the API without its counter's write per render",
    )
    args = parser.parse_args(argv)
    for name in ("renders", "requests", "rounds", "stories"):
        if getattr(args, name) < 1:
            parser.error(f"--{name} must be at least 1")
    return args


def configure_django(data_dir: Path, *, rate_limit: bool = True) -> None:
    """A throwaway production-settings site in `data_dir`, whatever the shell exports."""
    for name in list(os.environ):
        if name.startswith("NEWSDESK_") or name in ("DATABASE_URL", "REDIS_URL"):
            del os.environ[name]
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "newsdesk.config.settings.production",
            "NEWSDESK_SECRET_KEY": "bench-" + secrets.token_urlsafe(40),
            "NEWSDESK_DATA_DIR": str(data_dir),
            "NEWSDESK_ALLOWED_HOSTS": "localhost",
            "NEWSDESK_BASE_URL": "http://localhost",
            "NEWSDESK_BACKGROUND_TASKS": "immediate",
            # Counted on every render, as for readers, but never a 429 for our one address.
            "NEWSDESK_API_RATE_LIMIT": str(10**9) if rate_limit else "0",
        }
    )
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def build_site(stories: int, stages: dict[str, float]):
    """Migrate, collect static files, load the demo; fill its largest English section.

    `stages` gets each step's seconds of wall time.
    """
    from django.core.management import call_command
    from django.test.utils import override_settings

    from newsdesk.articles.models import Article
    from newsdesk.sections.models import SectionPage
    from tests.common.db.articles import make_story

    started = time.perf_counter()

    def stage(name: str) -> None:
        nonlocal started
        stages[name] = time.perf_counter() - started
        started = time.perf_counter()

    call_command("migrate", verbosity=0)
    stage("migrate")
    # The manifest reader pages are rendered with, without WhiteNoise compressing every file
    # (the admin's too): serving static files is not measured, and compressing took longer than
    # the measurements. The storage the site runs with reads the same staticfiles.json.
    manifest_only = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    with override_settings(STORAGES=manifest_only):
        call_command("collectstatic", interactive=False, verbosity=0)
    stage("collectstatic")
    call_command("load_demo", renditions=False, stdout=io.StringIO())
    stage("load_demo")
    sections = SectionPage.objects.live().filter(locale__language_code="en")
    section = max(sections, key=lambda s: Article.objects.published().filter(section=s).count())
    originals = list(
        Article.objects.published().filter(section=section).order_by("-first_published_at")
    )
    for n in range(len(originals), stories):
        original = originals[n % len(originals)]
        make_story(
            section,
            f"{original.headline} ({n})",
            byline=[entry.author or entry.agency for entry in original.byline_entries.all()],
            body=original.body.get_prep_value(),
            tags=list(original.tags.all()),
            standfirst=original.standfirst,
            dateline=original.dateline,
            kicker=original.kicker,
            lead_photo=original.lead_photo,
        )
    stage("stories")
    return section


def clear_caches() -> None:
    """Empty every cache a render reads, as after a purge of everything.

    The `delivery` store is not cleared (that would also reset its purge log, which each process
    then reads back, a cost no real render pays): a purge of "*" drops every page and fragment
    there, and the navigation, policies and discussion versions kept beside them are deleted.
    """
    from django.core.cache import caches

    from newsdesk.articles.models import Article
    from newsdesk.delivery.pagecache import EVERYTHING, page_cache
    from newsdesk.discussion.services.policy import POLICY_CACHE_KEY
    from newsdesk.sections.context_processors import navigation_cache_keys

    for alias in caches:
        if alias != "delivery":
            caches[alias].clear()
    page_cache().purge((EVERYTHING,))
    caches["delivery"].delete_many(
        [
            *navigation_cache_keys(),
            POLICY_CACHE_KEY,
            *(
                f"newsdesk:discussion:story:{pk}:version"
                for pk in Article.objects.values_list("pk", flat=True)
            ),
        ]
    )


class Answer:
    """What the WSGI application answered."""

    def __init__(self, status: str, headers: list[tuple[str, str]], body: bytes):
        self.status = int(status.split()[0])
        self.headers = {name.lower(): value for name, value in headers}
        self.body = body


def environ(path: str, query: str, etag: str | None) -> dict:
    """A browser's GET as a server hands it to the application."""
    env = {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": "",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": "localhost",
        "HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
        "HTTP_ACCEPT": "application/json" if path.startswith("/api/") else "text/html,*/*;q=0.8",
        "HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9",
        "HTTP_ACCEPT_ENCODING": "gzip, deflate, br",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    if etag:
        env["HTTP_IF_NONE_MATCH"] = etag
    return env


def call(application, path: str, query: str = "", etag: str | None = None) -> Answer:
    """One request through the WSGI application, its body read and closed as a server does."""
    started: list = []

    def start_response(status, headers, exc_info=None):
        started[:] = [status, headers]

    result = application(environ(path, query, etag), start_response)
    try:
        body = b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()  # request_finished: Django closes what the request opened
    return Answer(started[0], started[1], body)


class Target:
    """One address measured: the API's list or the section page."""

    def __init__(self, name: str, path: str, query: str = ""):
        self.name, self.path, self.query = name, path, query
        self.bytes = 0
        self.queries: dict[str, int] = {}

    @property
    def address(self) -> str:
        return self.path + (f"?{self.query}" if self.query else "")


def setup_settings(setup: str):
    """The settings `setup` runs under: the page cache off for `304-origin`, else the site's."""
    from django.test.utils import override_settings

    if setup == "304-origin":
        return override_settings(NEWSDESK_PAGE_CACHE=False)
    return contextlib.nullcontext()


def prepare(application, setup: str, target: Target):
    """What runs, untimed, before each request of `setup` on `target`, and the ETag it sends.

    Called under `setup_settings(setup)`. The ETag is the one the answer carries now (a render
    may differ from the last, a relative date for one), as a reader holding the current copy.
    """
    from newsdesk.delivery.pagecache import page_cache, request_key

    if setup == "cold":
        return clear_caches, None
    if setup == "miss":
        key = request_key(environ(target.path, target.query, None))
        return (lambda: page_cache().forget(key)), None
    if setup == "hit":
        return None, None
    return None, call(application, target.path, target.query).headers["etag"]


def run(application, setup: str, targets: list[Target], count: int) -> list[tuple[float, float]]:
    """Milliseconds per request of `setup` on each target, wall time and this process's CPU time.

    The targets take turns request by request (A, B, B, A, ...), so a neighbour's burst on the
    shared machine falls on both rather than on one target's whole run.
    """
    wall = [0.0] * len(targets)
    cpu = [0.0] * len(targets)
    with setup_settings(setup):
        prepared = [prepare(application, setup, target) for target in targets]
        order = list(range(len(targets)))
        for _ in range(count):
            for index in order:
                target, (before, etag) = targets[index], prepared[index]
                if before is not None:
                    before()
                started, cpu_started = time.perf_counter(), time.process_time()
                call(application, target.path, target.query, etag)
                wall[index] += time.perf_counter() - started
                cpu[index] += time.process_time() - cpu_started
            order.reverse()
    return [(w / count * 1000, c / count * 1000) for w, c in zip(wall, cpu, strict=True)]


def check(application, setup: str, target: Target) -> None:
    """One request of `setup`, untimed: the answer it must give; its SQL statements counted."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    with setup_settings(setup):
        before, etag = prepare(application, setup, target)
        if before is not None:
            before()
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            answer = call(application, target.path, target.query, etag)
    status, cache = EXPECTED[setup]
    got = (answer.status, answer.headers.get("x-newsdesk-cache"))
    if got != (status, cache):
        sys.exit(
            f"{target.name} {target.address}, setup {setup}: answered {got[0]} with "
            f"X-Newsdesk-Cache {got[1]!r}; expected {status} with {cache!r}"
        )
    target.queries[setup] = len(captured)


def same_stories(api: Answer, page: Answer) -> int:
    """The number of stories the API listed, each linked from the section page; else exit."""
    stories = json.loads(api.body)["results"]
    links = set(re.findall(r'href="([^"]+)"', page.body.decode()))
    missing = [
        s["web_url"] for s in stories if s["web_url"].removeprefix("http://localhost") not in links
    ]
    if not stories or missing:
        sys.exit(f"The section page does not link the API's stories: {missing or 'none listed'}")
    return len(stories)


def load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main(argv=None) -> int:
    args = parse_args(argv)
    begun = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="newsdesk-api-bench-") as tmp:
        configure_django(Path(tmp), rate_limit=not args.no_rate_limit)
        print(f"Setting up the site (load {load()})...", flush=True)
        stages: dict[str, float] = {}
        section = build_site(args.stories, stages)
        from django.conf import settings

        from newsdesk.config.wsgi import application

        per_page = settings.NEWSDESK_STORIES_PER_PAGE
        api = Target("API", "/api/v1/stories/", f"section={section.slug}&limit={per_page}")
        page = Target("page", section.url)
        # Warm up: templates compiled, renditions made, the stored copies and their ETags.
        for target in (api, page):
            for _ in range(3):
                answer = call(application, target.path, target.query)
            if answer.status != 200 or "etag" not in answer.headers:
                sys.exit(f"{target.address} answered {answer.status} without an ETag")
            target.bytes = len(answer.body)
        shown = same_stories(
            call(application, api.path, api.query), call(application, page.path, page.query)
        )
        for setup in SETUPS:
            for target in (api, page):
                check(application, setup, target)
        setup_seconds = time.perf_counter() - begun
        print(
            f"API {api.address} ({api.bytes:,} bytes of JSON) against the section page "
            f"{page.address} ({page.bytes:,} bytes of HTML): the same {shown} stories. Set up in "
            f"{setup_seconds:.0f} s ("
            + ", ".join(f"{name} {seconds:.0f}" for name, seconds in stages.items())
            + f"); {args.rounds} rounds of {args.renders} requests per "
            f"rendering setup and {args.requests} per `hit` and `304`, API and page taking turns "
            f"(load {load()}).",
            flush=True,
        )
        results = {(setup, t.name): [] for setup in SETUPS for t in (api, page)}
        for round_number in range(1, args.rounds + 1):
            line = []
            for setup in SETUPS:
                count = args.renders if setup in RENDERS else args.requests
                run(application, setup, [api, page], max(1, count // 10))  # settle
                api_result, page_result = run(application, setup, [api, page], count)
                results[setup, "API"].append(api_result)
                results[setup, "page"].append(page_result)
                line.append(
                    f"{setup} {page_result[0] / api_result[0]:.2f}"
                    f"/{page_result[1] / api_result[1]:.2f}"
                )
            print(f"  round {round_number}: page/API, wall/CPU: " + ", ".join(line), flush=True)

    def median(setup: str, name: str, index: int) -> float:
        return statistics.median(r[index] for r in results[setup, name])

    def ratio(setup: str, index: int) -> float:
        # Per round, then the median: a machine that got busier between rounds moves both.
        return statistics.median(
            p[index] / a[index]
            for a, p in zip(results[setup, "API"], results[setup, "page"], strict=True)
        )

    print()
    print(
        f"{'setup':11} {'API ms':>8} {'page ms':>8} {'page/API':>9}   "
        f"{'API CPU ms':>10} {'page CPU ms':>11} {'page/API':>9}   {'SQL API':>7} {'page':>5}"
    )
    for setup in SETUPS:
        print(
            f"{setup:11} {median(setup, 'API', 0):8.2f} {median(setup, 'page', 0):8.2f} "
            f"{ratio(setup, 0):8.2f}x   {median(setup, 'API', 1):10.2f} "
            f"{median(setup, 'page', 1):11.2f} {ratio(setup, 1):8.2f}x   "
            f"{api.queries[setup]:7} {page.queries[setup]:5}"
        )
    print(
        "Milliseconds per request, the median of the rounds; page/API: the median of the rounds' "
        "ratios (above 1: the API answers in less time than the section page)."
    )
    print(f"Run time {time.perf_counter() - begun:.0f} s; load at the end {load()}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
