#!/usr/bin/env python
"""Wire ingest at volume: N generated items through `newsdesk ingest`'s path, items per second
and peak memory.

    .venv/bin/python bench/wire_ingest.py [--items 10000] [--formats ninjs,newsml-g2,nitf,rss-2.0]
        [--progress 1000]

Writes N one-item files (taking turns among the formats, each with a headline, byline, dateline,
tags, an HTML body of six paragraphs and, for ninjs, a picture association) into a throwaway
folder, then ingests them one file at a time as the watched folder and `newsdesk ingest` do
(`transports.ingest_path`: parse, sanitise, a draft story with its first revision, the incoming
item, its version, the log line) into a throwaway SQLite database (test settings, debug off,
no Redis). Then it ingests the same files again, the path of a feed that repeats itself (each
item found unchanged). It prints items per second for both passes and the process's peak
resident memory (ru_maxrss) before and after, so the growth is what ingest held. Items per CPU
second (this process's CPU time) are quoted beside items per second of wall time: on a shared,
loaded machine the wall time measures the neighbours as much as the ingest.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

FORMATS = ("ninjs", "newsml-g2", "nitf", "rss-2.0")
PARAGRAPH = (
    "Ministers from both sides met for a third day on <b>Tuesday</b> to discuss reopening two "
    "border crossings, officials said, and agreed to meet again next week in the capital."
)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument(
        "--progress",
        type=int,
        default=1000,
        help="Print the running rate, memory and load every N items (0: only the summary).",
    )
    args = parser.parse_args()
    if args.items < 1:
        parser.error("--items must be at least 1")
    if args.progress < 0:
        parser.error("--progress must be 0 or more")
    unknown = set(args.formats.split(",")) - set(FORMATS)
    if unknown:
        parser.error(f"unknown format(s) {', '.join(sorted(unknown))}; known: {', '.join(FORMATS)}")
    return args


def configure_django(data_dir: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "newsdesk.config.settings.test"
    os.environ["NEWSDESK_DATA_DIR"] = data_dir
    os.environ["NEWSDESK_DEBUG"] = "0"
    os.environ["NEWSDESK_BACKGROUND_TASKS"] = "immediate"
    for name in ("DATABASE_URL", "REDIS_URL", "NEWSDESK_PAGE_CACHE_DIR"):
        os.environ.pop(name, None)
    import django

    django.setup()


def body(n: int) -> str:
    return "".join(f"<p>{PARAGRAPH} ({n}.{i})</p>" for i in range(6))


def item_file(n: int, fmt: str) -> tuple[str, bytes]:
    headline = f"Ministers meet on border crossings, day {n}"
    if fmt == "ninjs":
        doc = {
            "uri": f"urn:bench:{n}",
            "type": "text",
            "version": "1",
            "versionCreated": "2026-02-11T09:30:00Z",
            "language": "en",
            "urgency": n % 8 + 1,
            "copyrightHolder": "AFP",
            "by": "Aziz Karimov",
            "located": "ANKARA",
            "headlines": [{"role": "main", "value": headline}],
            "bodies": [{"role": "main", "contentType": "text/html", "value": body(n)}],
            "subjects": [{"name": "politics"}, {"name": f"topic {n % 50}"}],
            "associations": [
                {
                    "name": "main",
                    "type": "picture",
                    "by": "Jane Doe/AFP",
                    "descriptions": [{"role": "caption", "value": "Ministers at the table."}],
                    "renditions": [{"href": "absent.jpg", "contentType": "image/jpeg"}],
                }
            ],
        }
        return f"{n:05d}.json", json.dumps(doc).encode()
    if fmt == "newsml-g2":
        xml = (
            '<?xml version="1.0" encoding="UTF-8"?><newsItem xmlns="http://iptc.org/std/nar/'
            f'2006-10-01/" guid="urn:bench:{n}" version="1" xml:lang="en"><itemMeta>'
            '<itemClass qcode="ninat:text"/><provider qcode="nprov:AFP"><name>AFP</name>'
            "</provider><versionCreated>2026-02-11T09:30:00Z</versionCreated></itemMeta>"
            "<contentMeta><located><name>ANKARA</name></located><creator><name>Aziz Karimov"
            f"</name></creator><subject><name>politics</name></subject><headline>{headline}"
            '</headline></contentMeta><contentSet><inlineXML><html xmlns="http://www.w3.org/'
            f'1999/xhtml"><body>{body(n)}</body></html></inlineXML></contentSet></newsItem>'
        )
        return f"{n:05d}.xml", xml.encode()
    if fmt == "nitf":
        xml = (
            '<?xml version="1.0" encoding="UTF-8"?><nitf><head><docdata><doc-id id-string='
            f'"urn:bench:{n}"/><du-key version="1"/><key-list><keyword key="politics"/>'
            f"</key-list></docdata></head><body><body.head><hedline><hl1>{headline}</hl1>"
            "</hedline><byline><person>Aziz Karimov</person></byline><distributor>AFP"
            "</distributor><dateline><location>ANKARA</location></dateline></body.head>"
            f"<body.content>{body(n)}</body.content></body></nitf>"
        )
        return f"{n:05d}.xml", xml.encode()
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org'
        '/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
        f"<title>AFP</title><item><title>{headline}</title><guid>urn:bench:{n}</guid>"
        "<dc:creator>Aziz Karimov</dc:creator><category>politics</category>"
        "<pubDate>Tue, 11 Feb 2026 09:30:00 GMT</pubDate><content:encoded><![CDATA["
        f"{body(n)}]]></content:encoded></item></channel></rss>"
    )
    return f"{n:05d}.rss", xml.encode()


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> None:
    args = parse_args()
    formats = args.formats.split(",")
    with tempfile.TemporaryDirectory(prefix="newsdesk-wire-bench-") as tmp:
        configure_django(tmp)
        from django.core.management import call_command
        from wagtail.models import Page, Site

        from newsdesk.bylines.models import Agency
        from newsdesk.sections.models import HomePage, SectionPage
        from newsdesk.wire.models import WireSource
        from newsdesk.wire.transports import ingest_path

        call_command("migrate", verbosity=0)
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title="Bench", slug="bench"))
        Site.objects.update(root_page=home)
        section = home.add_child(instance=SectionPage(title="World", slug="world"))
        source = WireSource.objects.create(
            name="Bench",
            agency=Agency.objects.create(name="Agence France-Presse", short_name="AFP"),
            section=section,
            folder=tmp,
        )
        folder = Path(tmp) / "files"
        folder.mkdir()
        paths = []
        for n in range(args.items):
            name, data = item_file(n, formats[n % len(formats)])
            path = folder / name
            path.write_bytes(data)
            paths.append(path)
        before = peak_mib()
        print(
            f"{args.items} files written; ingesting (load {load()}, peak {before:.0f} MiB)",
            flush=True,
        )
        results = {}
        for label in ("first", "again"):
            start, cpu_start = time.perf_counter(), time.process_time()
            actions: dict[str, int] = {}
            for done, path in enumerate(paths, 1):
                report = ingest_path(path, source=source)
                if report.error:
                    sys.exit(f"{path}: {report.error}")
                for outcome in report.outcomes:
                    actions[outcome.action] = actions.get(outcome.action, 0) + 1
                if args.progress and done % args.progress == 0 and done < len(paths):
                    # A long run on a shared machine may be stopped: what it did so far counts.
                    wall, cpu = time.perf_counter() - start, time.process_time() - cpu_start
                    print(
                        f"  {label:6} {done:>6}/{len(paths)}  {done / wall:8.1f} items/s of wall "
                        f"time, {done / cpu:8.1f} per CPU second  ({wall:.0f} s, {cpu:.0f} s CPU; "
                        f"peak {peak_mib():.0f} MiB; load {load()})",
                        flush=True,
                    )
            elapsed = time.perf_counter() - start
            results[label] = (elapsed, time.process_time() - cpu_start, actions)
        after = peak_mib()
    print(f"{args.items} items, formats {', '.join(formats)}; SQLite, test settings, one process")
    for label, (elapsed, cpu, actions) in results.items():
        print(
            f"  {label:6} {args.items / elapsed:8.1f} items/s of wall time, "
            f"{args.items / cpu:8.1f} per CPU second  ({elapsed:.1f} s, {cpu:.1f} s CPU; "
            + ", ".join(f"{k} {v}" for k, v in sorted(actions.items()))
            + ")"
        )
    print(f"  peak resident memory: {before:.0f} MiB after set-up, {after:.0f} MiB after ingest")
    print(f"  load average at the end: {load()}")


if __name__ == "__main__":
    main()
