#!/usr/bin/env python
"""Time robots.txt and the sitemaps on an archive of a million stories, on PostgreSQL.

    .venv/bin/python bench/million_sitemaps.py [--size 1000000] [--repeats 5] [--database-url ...]
    .venv/bin/python bench/million_sitemaps.py --searches-only --database-url <a kept archive>

Creates, loads and drops the archive of bench/million_stories.py (its options, database and
set-based load), then times as the median of --repeats runs after --warmups what search engines
read from an edition: `robots.txt`, the sitemap index, the news sitemap (stories of the last two
days) and the first and last pages of the story sitemap, each a full render (the test client
has no page-cache hit path). For comparison it times what Django's sitemap index did to date the
story sitemap before `StorySitemap.get_latest_lastmod` (read every story of the edition), up to
100,000 stories (at a million it reads them all, for minutes, on every run).

Run as a script (bench/ is then on sys.path). Milliseconds on a shared machine: read the ratios.
"""

from __future__ import annotations

import random
import shutil
import tempfile
import time

from million_stories import (
    add_sections,
    configure_django,
    load_archive,
    measure,
    parse_args,
    plan_database,
    progress,
    set_up_newsroom,
    throwaway_database,
)
from stories_as_snippets import admin_get


def django_index_dating() -> None:
    """What Django's `Sitemap.get_latest_lastmod` does for a sitemap whose lastmod is a method."""
    from django.contrib.sitemaps import Sitemap
    from django.utils import translation

    from newsdesk.feeds.sitemaps import StorySitemap

    with translation.override("en"):
        Sitemap.get_latest_lastmod(StorySitemap())


def run(args) -> None:
    from django.core.management import call_command
    from django.test import Client
    from django.utils import translation

    from newsdesk.articles.models import Article
    from newsdesk.feeds.sitemaps import NewsSitemap, StorySitemap

    if args.searches_only:
        # The archive an earlier million_stories.py --keep left: the same load, timed again.
        progress("migrating the kept database (its new migrations only)")
        call_command("migrate", interactive=False, verbosity=0)
    else:
        progress("migrating a fresh database")
        call_command("migrate", interactive=False, verbosity=0)
        newsroom = set_up_newsroom(args.size)
        add_sections(newsroom)
        started = time.perf_counter()
        load_archive(newsroom, args.size, random.Random(20251125))
        print(f"Loaded {args.size} stories in {time.perf_counter() - started:.0f} s")
    # The archive has three editions and /en/ lists the English ones: the last page is the
    # English sitemap's own, as its paginator says (counting every edition asked for a 404).
    published = Article.objects.published().filter(locale__language_code="en").count()
    with translation.override("en"):
        news = len(NewsSitemap().items())
        last = StorySitemap().paginator.num_pages
    print(
        f"{published} published English stories, {last} story sitemap pages of /en/, "
        f"{news} in its news sitemap"
    )
    reader = Client()
    plans = [
        ("/robots.txt", admin_get(reader, "/robots.txt")),
        ("/en/sitemap.xml (index)", admin_get(reader, "/en/sitemap.xml")),
        ("/en/sitemap-news.xml", admin_get(reader, "/en/sitemap-news.xml")),
        ("/en/sitemap-stories.xml (page 1)", admin_get(reader, "/en/sitemap-stories.xml")),
        (
            f"/en/sitemap-stories.xml?p={last} (last page)",
            admin_get(reader, f"/en/sitemap-stories.xml?p={last}"),
        ),
    ]
    if args.size <= 100_000:
        plans.append(("before: Django's index dating the story sitemap", django_index_dating))
    print(f"\n{'operation':<52} {'ms':>9} {'queries':>8} {'slowest SQL ms':>15}")
    for name, action in plans:
        progress(name)
        side = measure(action, ["stock"], args.repeats, args.warmups)["stock"]
        print(f"{name:<52} {side.ms:9.1f} {side.queries:8d} {side.slowest[0]:15.1f}", flush=True)


def main() -> None:
    """With --searches-only, time the sitemaps on the database of --database-url that
    million_stories.py --keep left (no load; the database stays)."""
    args = parse_args()
    if args.searches_only:
        databases = plan_database(args.database_url, tempfile.mkdtemp(prefix="newsdesk-sitemaps-"))
        try:
            configure_django(databases)
            run(args)
        finally:
            shutil.rmtree(databases.data_dir, ignore_errors=True)
        return
    with throwaway_database(args.database_url, "newsdesk-sitemaps-", keep=args.keep):
        run(args)


if __name__ == "__main__":
    main()
