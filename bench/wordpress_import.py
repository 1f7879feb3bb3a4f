#!/usr/bin/env python
"""WordPress import at volume: a generated export of N posts through `newsdesk import_wordpress`,
posts per second and the import's peak memory.

    .venv/bin/python bench/wordpress_import.py [--posts 10000] [--database-url postgres://...]

Writes a WXR 1.2 file of N published posts (each with a category, two tags, a heading, six
paragraphs, a list and a quote in block-editor markup, and 10 threaded comments as nested
`<wp:comment>` elements: every third one a reply), then, in child processes on a throwaway
database (SQLite in a temporary folder by default; with `--database-url` a PostgreSQL database
named `wp_bench_<pid>`, created and dropped), migrates it, adds a section and runs the import
command. It prints posts per second of the import and the import child's peak resident memory
(ru_maxrss of that child alone, by os.wait4; the same figure resource.getrusage(RUSAGE_CHILDREN)
gives once it is the largest child). Then it runs the same file again (every post unchanged).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
PARAGRAPH = (
    "Ministers from both sides met for a third day on <strong>Tuesday</strong> to discuss "
    "reopening two border crossings, officials said, and agreed to meet again next week."
)
SETUP = """
from tests.common.db.sections import make_home, make_section
make_section(make_home(), "News")
"""


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--comments", type=int, default=10, help="Comments per post (10).")
    parser.add_argument(
        "--database-url", default="", help="A PostgreSQL server (postgres://user@host:port/)."
    )
    return parser.parse_args()


def cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def content(n: int) -> str:
    paragraphs = "\n\n".join(
        f"<!-- wp:paragraph -->\n<p>{PARAGRAPH} ({n}.{i})</p>\n<!-- /wp:paragraph -->"
        for i in range(6)
    )
    return (
        f'<!-- wp:heading -->\n<h2 class="wp-block-heading">Day {n}</h2>\n<!-- /wp:heading -->\n\n'
        f"{paragraphs}\n\n<!-- wp:list -->\n<ul><li>One</li><li>Two</li></ul>\n<!-- /wp:list -->"
        '\n\n<!-- wp:quote -->\n<blockquote class="wp-block-quote"><p>We will meet again.</p>'
        "<cite>A minister</cite></blockquote>\n<!-- /wp:quote -->"
    )


def comments(n: int, count: int) -> str:
    out = []
    for c in range(1, count + 1):
        comment_id = n * 100 + c
        parent = comment_id - 1 if c % 3 == 0 else 0  # every third a reply to the one before
        out.append(
            f"""		<wp:comment>
			<wp:comment_id>{comment_id}</wp:comment_id>
			<wp:comment_author>{cdata(f"Reader {c}")}</wp:comment_author>
			<wp:comment_author_email>{cdata(f"reader{c}@example.org")}</wp:comment_author_email>
			<wp:comment_author_url></wp:comment_author_url>
			<wp:comment_author_IP>{cdata("192.0.2.1")}</wp:comment_author_IP>
			<wp:comment_date>{cdata(f"2024-01-02 10:{c:02d}:00")}</wp:comment_date>
			<wp:comment_date_gmt>{cdata(f"2024-01-02 09:{c:02d}:00")}</wp:comment_date_gmt>
			<wp:comment_content>{cdata(f"Day {n}, comment {c}: a view.")}</wp:comment_content>
			<wp:comment_approved>{cdata("1")}</wp:comment_approved>
			<wp:comment_type>{cdata("comment")}</wp:comment_type>
			<wp:comment_parent>{parent}</wp:comment_parent>
			<wp:comment_user_id>0</wp:comment_user_id>
		</wp:comment>
"""
        )
    return "".join(out)


def write_export(path: Path, posts: int, comment_count: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write(
            """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
	<title>Bench Gazette</title>
	<link>https://bench.example</link>
	<wp:wxr_version>1.2</wp:wxr_version>
	<wp:base_site_url>https://bench.example</wp:base_site_url>
	<wp:base_blog_url>https://bench.example</wp:base_blog_url>
"""
        )
        for a in range(20):
            out.write(
                f"\t<wp:author><wp:author_login>{cdata(f'writer{a}')}</wp:author_login>"
                f"<wp:author_display_name>{cdata(f'Writer {a}')}</wp:author_display_name>"
                "</wp:author>\n"
            )
        for n in range(1, posts + 1):
            day = 1 + n % 28
            slug = f"ministers-meet-day-{n}"
            out.write(
                f"""	<item>
		<title>{escape(f"Ministers meet on border crossings, day {n}")}</title>
		<link>https://bench.example/2024/01/{day:02d}/{slug}/</link>
		<dc:creator>{cdata(f"writer{n % 20}")}</dc:creator>
		<guid isPermaLink="false">https://bench.example/?p={n}</guid>
		<content:encoded>{cdata(content(n))}</content:encoded>
		<excerpt:encoded>{cdata(f"Talks go on, day {n}.")}</excerpt:encoded>
		<wp:post_id>{n}</wp:post_id>
		<wp:post_date>{cdata(f"2024-01-{day:02d} 10:00:00")}</wp:post_date>
		<wp:post_date_gmt>{cdata(f"2024-01-{day:02d} 09:00:00")}</wp:post_date_gmt>
		<wp:comment_status>{cdata("open")}</wp:comment_status>
		<wp:post_name>{cdata(slug)}</wp:post_name>
		<wp:status>{cdata("publish")}</wp:status>
		<wp:post_type>{cdata("post")}</wp:post_type>
		<category domain="category" nicename="politics">{cdata("Politics")}</category>
		<category domain="post_tag" nicename="talks">{cdata("talks")}</category>
		<category domain="post_tag" nicename="t{n % 50}">{cdata(f"topic {n % 50}")}</category>
{comments(n, comment_count)}	</item>
"""
            )
        out.write("</channel>\n</rss>\n")


def child_env(data_dir: str, database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="newsdesk.config.settings.test",
        NEWSDESK_DATA_DIR=data_dir,
        NEWSDESK_DEBUG="0",
        NEWSDESK_BACKGROUND_TASKS="immediate",
        PYTHONPATH=str(ROOT),
    )
    for name in ("REDIS_URL", "NEWSDESK_PAGE_CACHE_DIR", "DATABASE_URL"):
        env.pop(name, None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def run_child(args: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Run a child to its end; its wall time, its CPU time and its own peak resident memory
    (KiB). CPU time is quoted as well: on a shared, loaded machine wall time measures the
    neighbours as much as the import."""
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, *args], env=env, cwd=ROOT)
    _pid, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"{' '.join(args)} failed ({child.returncode})")
    return time.perf_counter() - started, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def postgres(server: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(statement)


def main() -> None:
    options = parse_args()
    work = Path(tempfile.mkdtemp(prefix="wp_bench_"))
    export = work / "export.xml"
    started = time.perf_counter()
    write_export(export, options.posts, options.comments)
    print(
        f"Export: {options.posts:,} posts, {options.posts * options.comments:,} comments, "
        f"{export.stat().st_size / 1e6:.1f} MB, written in {time.perf_counter() - started:.1f} s"
    )
    database_url, name = "", ""
    if options.database_url:
        name = f"wp_bench_{os.getpid()}"
        parts = urlsplit(options.database_url)
        database_url = urlunsplit(parts._replace(path=f"/{name}"))
        postgres(options.database_url, f'CREATE DATABASE "{name}"')
    env = child_env(str(work), database_url)
    cli = ["-m", "newsdesk.config.cli"]
    try:
        run_child([*cli, "migrate", "-v0"], env)
        run_child(["-c", f"import django; django.setup()\n{SETUP}"], env)
        for attempt in ("first run", "second run (unchanged)"):
            seconds, cpu, peak = run_child([*cli, "import_wordpress", str(export)], env)
            print(
                f"{attempt}: {options.posts:,} posts in {seconds:.1f} s = "
                f"{options.posts / seconds:.1f} posts/s ({options.posts / cpu:.1f} per CPU second, "
                f"start-up included); import child's peak RSS {peak / 1024:.0f} MiB"
            )
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        print(f"Largest child's peak RSS (RUSAGE_CHILDREN): {children / 1024:.0f} MiB")
    finally:
        if name:
            postgres(options.database_url, f'DROP DATABASE IF EXISTS "{name}"')
        subprocess.run(["rm", "-rf", str(work)], check=False)


if __name__ == "__main__":
    main()
