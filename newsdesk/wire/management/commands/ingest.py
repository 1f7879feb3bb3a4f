"""`newsdesk ingest PATH...`: ingest wire files by hand; `--watch DIR` keeps reading a folder."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from newsdesk.sections.models import SectionPage
from newsdesk.wire.models import WireSource
from newsdesk.wire.transports import ingest_path, waiting_files

#: From this many files on, a progress bar is shown (on a terminal).
PROGRESS_FROM = 20


class Command(BaseCommand):
    help = (
        "Ingest wire files (ninjs, NewsML-G2, NewsML 1.2, NITF, RSS, Atom; format detected from "
        "the content), printing what was done with each item. Folders are read file by file. "
        "--watch DIR reads DIR every few seconds and moves each file to DIR/done or DIR/failed."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="Files or folders to ingest.")
        parser.add_argument("--watch", metavar="DIR", help="Keep reading files dropped in DIR.")
        parser.add_argument(
            "--source", help="The wire source (by name) whose agency, section and format apply."
        )
        parser.add_argument(
            "--section",
            help="Section slug for new stories when no --source is given (default: the first).",
        )
        parser.add_argument(
            "--interval", type=float, default=5.0, help="Seconds between looks with --watch (5)."
        )

    def handle(self, *args, paths, watch, source, section, interval, **options):
        if not paths and not watch:
            raise CommandError("Give files or folders to ingest, or --watch DIR.")
        wire_source = self._source(source)
        target = self._section(section) if wire_source is None else wire_source.section
        if watch:
            return self._watch(Path(watch), wire_source, target, interval)
        files = []
        for name in paths:
            path = Path(name)
            if path.is_dir():
                files.extend(waiting_files(path))
            elif path.is_file():
                files.append(path)
            else:
                raise CommandError(f"No such file or folder: {name}")
        self._ingest(files, wire_source, target, move=False)

    def _source(self, name):
        if not name:
            return None
        try:
            return WireSource.objects.select_related("agency", "section").get(name=name)
        except WireSource.DoesNotExist:
            raise CommandError(f"No wire source is called {name!r}.") from None

    def _section(self, slug):
        sections = SectionPage.objects.order_by("path")
        found = sections.filter(slug=slug).first() if slug else sections.first()
        if found is None:
            raise CommandError(
                f"No section {slug!r}." if slug else "There is no section to file stories in."
            )
        return found

    def _ingest(self, files, source, section, *, move: bool) -> tuple[int, int]:
        failed = items = 0
        bar = tqdm(
            total=len(files),
            unit="file",
            disable=len(files) < PROGRESS_FROM or not self.stderr.isatty(),
            file=self.stderr._out,
        )
        for path in files:
            report = ingest_path(path, source=source, section=section, move=move)
            bar.update(1)
            if report.error:
                failed += 1
                where = f" (moved to {report.moved_to})" if report.moved_to else ""
                self._say(bar, self.style.ERROR(f"{path}: not ingested: {report.error}{where}"))
                continue
            for outcome in report.outcomes:
                items += 1
                style = self.style.ERROR if outcome.failed else self.style.SUCCESS
                self._say(bar, style(f"{path}: {outcome.action}: {outcome.message}"))
        bar.close()
        self.stdout.write(f"{len(files)} file(s), {items} item(s), {failed} file(s) not ingested.")
        return items, failed

    def _say(self, bar, line: str) -> None:
        """A line above the progress bar, which stays at the bottom of the terminal."""
        if bar.disable:
            self.stdout.write(line)
        else:
            bar.write(line, file=self.stdout._out)

    def _watch(self, folder: Path, source, section, interval: float) -> None:
        if not folder.is_dir():
            raise CommandError(f"No such folder: {folder}")
        self.stdout.write(f"Watching {folder} (Ctrl-C to stop).")
        try:
            while True:
                files = waiting_files(folder)
                if files:
                    self._ingest(files, source, section, move=True)
                time.sleep(interval)
        except KeyboardInterrupt:
            self.stdout.write("Stopped.")
