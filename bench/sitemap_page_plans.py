#!/usr/bin/env python
"""EXPLAIN (ANALYZE, BUFFERS) of the story sitemap's queries on a database million_sitemaps.py kept.

    .venv/bin/python bench/million_sitemaps.py --size 300000 --keep --database-url postgres://.../NAME
    .venv/bin/python bench/sitemap_page_plans.py postgres://.../NAME

Prints how long finding where the English pages start takes (three runs), then the plan of the
story query of the first, middle and last page, as `StoryPages.page` makes it. Drop the database
yourself afterwards. Run as a script (bench/ is then on sys.path).
"""

from __future__ import annotations

import sys
import tempfile
import time

from million_stories import plan_database
from stories_as_snippets import configure_django


def main() -> None:
    configure_django(plan_database(sys.argv[1], tempfile.mkdtemp(prefix="newsdesk-plans-")))
    from django.db import connection
    from django.utils import translation

    from newsdesk.feeds.sitemaps import StorySitemap

    with translation.override("en"):
        pages = StorySitemap().paginator
        for _ in range(3):
            started = time.perf_counter()
            starts = pages.find_starts()
            print(f"{len(starts)} starts found in {1000 * (time.perf_counter() - started):.1f} ms")
        queries: list[tuple] = []

        def capture(execute, sql, params, many, context):
            queries.append((sql, params))
            return execute(sql, params, many, context)

        for number in sorted({1, pages.num_pages // 2 or 1, pages.num_pages}):
            with connection.execute_wrapper(capture):
                pages.page(number)
            sql, params = queries[-1]
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
                plan = "\n".join(row[0] for row in cursor.fetchall())
            print(f"\n== page {number} of {pages.num_pages}\n{plan}")


if __name__ == "__main__":
    main()
