#!/usr/bin/env python
"""The story page's render after a page-cache miss, in-process, against a plain Wagtail page.

    .venv/bin/python bench/story_render.py [--requests 200] [--rounds 5]

Loads the demo newsroom into a throwaway SQLite database (production-like settings: debug off,
no Redis), then renders its longest story through Django's request handler without the page
cache's hit path (the request a miss makes), in four setups that take turns in each round:

- `warm`: the story page with its fragments, the site's settings and navigation kept (the
  common case just after a purge);
- `cold`: the story page with every cache emptied before each request (fragments, navigation,
  settings, rendered threads, Wagtail's rendition and site caches);
- `plain`: a plain Wagtail page (`bench/storypages`: `StoryPage(Page)`, served by Wagtail) under
  the same section, with the same body blocks rendered by the same block templates, in the
  same base template, its caches kept;
- `plain-cold`: the same with every cache emptied before each request.

It prints the median milliseconds and SQL statements per request of each setup over the rounds,
and the rates of ours against the plain page (above 1: ours renders faster), each the median of
the rounds' ratios. Issue 13's goals:
warm at least 3x plain, cold at least 1x. The machine is shared and noisy: quote the ratios.
With `--profile SETUP` it also prints a cProfile of that setup (the top functions by own time and
by cumulative time). Run it against another checkout with PYTHONPATH=<checkout> to compare code.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
SETUPS = ("warm", "cold", "plain", "plain-cold")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200, help="requests per setup and round")
    parser.add_argument("--rounds", type=int, default=5, help="rounds; setups take turns in each")
    parser.add_argument("--profile", choices=SETUPS, help="also profile this setup")
    parser.add_argument("--top", type=int, default=25, help="functions shown per profile table")
    return parser.parse_args()


def configure_django(data_dir: str) -> None:
    # Assigned, not setdefault: whatever the shell exports must not lead us to real data.
    os.environ["DJANGO_SETTINGS_MODULE"] = "newsdesk.config.settings.test"
    os.environ["NEWSDESK_DATA_DIR"] = data_dir
    os.environ["NEWSDESK_DEBUG"] = "0"
    os.environ["NEWSDESK_BACKGROUND_TASKS"] = "immediate"
    for name in ("DATABASE_URL", "REDIS_URL", "NEWSDESK_PAGE_CACHE_DIR"):
        os.environ.pop(name, None)
    if str(BENCH_DIR) not in sys.path:
        sys.path.insert(0, str(BENCH_DIR))

    import django
    from django.conf import settings

    settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, "storypages"]
    settings.TEMPLATES[0]["DIRS"] = [
        *settings.TEMPLATES[0].get("DIRS", []),
        str(BENCH_DIR / "story_render_templates"),
    ]
    settings.ALLOWED_HOSTS = ["localhost"]
    django.setup()


def load_newsroom():
    """The demo newsroom, and its longest published story as a plain Wagtail page too."""
    from django.core.management import call_command

    from newsdesk.articles.models import Article

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    story = max(Article.objects.published(), key=lambda article: len(article.body.raw_data))
    from storypages.models import StoryPage

    StoryPage.template = "story_render/plain_story_page.html"
    section = story.section.specific
    plain = StoryPage(
        title=story.headline,
        slug=f"plain-{story.slug}"[:255],
        standfirst=story.standfirst,
        body=story.body.raw_data,
        section=section,
    )
    section.add_child(instance=plain)
    plain.save_revision().publish()
    return story, plain


def clear_caches() -> None:
    """Empty every cache a render reads, as after a purge of everything.

    The `delivery` store is not cleared (that would also reset its purge log, which each
    process then reads back, a cost no real render pays): a purge of "*" drops every page and
    fragment there, and the navigation, policies and settings kept beside them are deleted.
    """
    from django.core.cache import caches

    from newsdesk.delivery.pagecache import EVERYTHING, page_cache

    for alias in caches:
        if alias != "delivery":
            caches[alias].clear()
    page_cache().purge((EVERYTHING,))
    shared = caches["delivery"]
    shared.delete_many(
        [
            "newsdesk:sections:navigation",
            "newsdesk:discussion:policies",
            *(f"newsdesk:discussion:story:{pk}:version" for pk in range(1, 100)),
        ]
    )


def measure(client, url: str, requests: int, cold: bool) -> tuple[float, float]:
    """Milliseconds and SQL statements per request."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    elapsed = 0.0
    queries = 0
    for _ in range(requests):
        if cold:
            clear_caches()
        reset_queries()  # the request resets the log too: start it empty, or nothing is counted
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            elapsed += time.perf_counter() - started
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        queries += len(captured)
    return elapsed / requests * 1000, queries / requests


def profile(client, url: str, requests: int, cold: bool, top: int) -> None:
    profiler = cProfile.Profile()
    for _ in range(requests):
        if cold:
            clear_caches()
        profiler.enable()
        client.get(url)
        profiler.disable()
    stats = pstats.Stats(profiler)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)


def main() -> None:
    args = parse_args()
    data_dir = tempfile.mkdtemp(prefix="newsdesk-story-render-")
    configure_django(data_dir)
    print("Loading the demo newsroom...", file=sys.stderr, flush=True)
    story, plain = load_newsroom()

    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    urls = {
        "warm": story.get_absolute_url(),
        "cold": story.get_absolute_url(),
        "plain": plain.url,
        "plain-cold": plain.url,
    }
    for setup in SETUPS:  # renditions made, templates compiled
        measure(client, urls[setup], 5, cold=False)
    print(
        f"Story {story.pk} ({len(story.body.raw_data)} body blocks), {args.requests} requests "
        f"per setup, {args.rounds} rounds, setups taking turns:",
        flush=True,
    )
    results: dict[str, list[tuple[float, float]]] = {setup: [] for setup in SETUPS}
    for round_number in range(args.rounds):
        # Each round starts with a different setup, so none always runs first.
        order = SETUPS[round_number % len(SETUPS) :] + SETUPS[: round_number % len(SETUPS)]
        for setup in order:
            measure(client, urls[setup], 3, cold=setup.endswith("cold"))  # settle
            results[setup].append(
                measure(client, urls[setup], args.requests, cold=setup.endswith("cold"))
            )
    median = {
        setup: (
            statistics.median(ms for ms, _ in runs),
            statistics.median(queries for _, queries in runs),
        )
        for setup, runs in results.items()
    }
    print(f"{'setup':12} {'ms/request':>11} {'requests/s':>11} {'SQL/request':>12}")
    for setup, (ms, queries) in median.items():
        print(f"{setup:12} {ms:11.2f} {1000 / ms:11.0f} {queries:12.1f}")

    def ratio(ours: str, plain: str) -> float:
        # Per round, then the median: the two were measured minutes apart at most, so a
        # machine that got busier between rounds moves both.
        return statistics.median(
            p[0] / o[0] for o, p in zip(results[ours], results[plain], strict=True)
        )

    print(f"warm fragments vs plain Wagtail page: {ratio('warm', 'plain'):.2f}x (goal: 3x)")
    print(f"fully cold vs plain Wagtail page:     {ratio('cold', 'plain'):.2f}x (goal: 1x)")
    print(f"fully cold vs plain, both cold:       {ratio('cold', 'plain-cold'):.2f}x")
    if args.profile:
        print(f"\nProfile of {args.profile}, {args.requests} requests:")
        profile(
            client,
            urls[args.profile],
            args.requests,
            cold=args.profile.endswith("cold"),
            top=args.top,
        )


if __name__ == "__main__":
    main()
