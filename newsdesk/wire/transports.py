"""How copy reaches us: files dropped in a folder, or a feed or ninjs address polled over HTTP.

Each transport hands `services.ingest_bytes` what it fetched and deals with what it fetched
from: a file read moves to `done/`, a file that could not be read to `failed/` (with the reason
in the ingest log), so the folder holds only what is still to come. The HTTP poller asks with
the ETag and Last-Modified of its last answer and backs off after failures.
"""

import logging
import shutil
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from django.utils import timezone

from newsdesk.wire import pictures, services
from newsdesk.wire.models import IngestLogEntry, WireSource
from newsdesk.wire.parsers import UnreadableItem
from newsdesk.wire.parsers.xml import MAX_BYTES

logger = logging.getLogger(__name__)

DONE, FAILED = "done", "failed"
#: Files still being written (by rsync, scp or an agency's FTP) are left for the next look.
PARTIAL_SUFFIXES = (".part", ".tmp", ".filepart", ".crdownload")
#: Pictures dropped beside the items that name them: read with their item, not as items.
PICTURE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".tif", ".tiff", ".avif")
#: The longest a failing source waits between polls.
MAX_BACKOFF = timedelta(hours=6)
HTTP_TIMEOUT = 30


@dataclass
class FileReport:
    path: Path
    outcomes: list = field(default_factory=list)
    error: str = ""
    moved_to: Path | None = None


def waiting_files(folder: Path) -> list[Path]:
    """Files in `folder` waiting to be read, oldest first; hidden and partial files and
    pictures skipped."""
    if not folder.is_dir():
        return []
    files = [
        p
        for p in folder.iterdir()
        if p.is_file()
        and not p.name.startswith(".")
        and not p.name.lower().endswith(PARTIAL_SUFFIXES + PICTURE_SUFFIXES)
    ]
    return sorted(files, key=lambda p: (p.stat().st_mtime, p.name))


def _move(path: Path, into: str) -> Path:
    target_dir = path.parent / into
    target_dir.mkdir(exist_ok=True)
    target = target_dir / path.name
    n = 1
    while target.exists():
        n += 1
        target = target_dir / f"{path.stem}-{n}{path.suffix}"
    shutil.move(str(path), target)
    return target


def ingest_path(
    path: Path, *, source: WireSource | None = None, section=None, move: bool = False
) -> FileReport:
    """Ingest one file; with `move`, to done/ or failed/ beside it afterwards."""
    report = FileReport(path)
    logged = False  # ingest_bytes logs what it cannot parse; the rest is logged here
    try:
        if path.stat().st_size > MAX_BYTES:
            report.error = f"The file is over the {MAX_BYTES:,} bytes allowed."
        else:
            report.outcomes = services.ingest_bytes(
                path.read_bytes(),
                name=str(path),
                source=source,
                section=section,
                fetch_picture=pictures.from_folder(path.parent),
            )
    except UnreadableItem as error:
        report.error, logged = str(error), True
    except OSError as error:
        report.error = f"Could not read the file: {error.strerror or error}"
    if report.error and not logged:
        services.log_entry(
            IngestLogEntry.Level.ERROR, report.error, source=source, file_name=str(path)
        )
    if move and path.exists():
        report.moved_to = _move(path, FAILED if report.error else DONE)
        if report.error:
            _note_moved(path, report.moved_to)
    return report


def _note_moved(path: Path, moved_to: Path) -> None:
    entry = IngestLogEntry.objects.filter(file_name=str(path)).order_by("-pk").first()
    if entry is not None:
        entry.moved_to = str(moved_to)
        entry.save(update_fields=["moved_to"])


def poll_folder(source: WireSource) -> list[FileReport]:
    folder = Path(source.folder)
    return [ingest_path(p, source=source, move=True) for p in waiting_files(folder)]


# HTTP ------------------------------------------------------------------------------------------


@dataclass
class HttpAnswer:
    status: int
    body: bytes = b""
    etag: str = ""
    last_modified: str = ""


def fetch(url: str, *, etag: str = "", last_modified: str = "") -> HttpAnswer:
    """GET `url` with the validators of the last answer; 304 comes back as such."""
    if not url.lower().startswith(("http://", "https://")):
        raise ValueError(f"Only http and https addresses are polled, not {url!r}.")
    request = urllib.request.Request(  # noqa: S310 (the scheme is checked above)
        url, headers={"User-Agent": "Newsdesk wire ingest"}
    )
    if etag:
        request.add_header("If-None-Match", etag)
    if last_modified:
        request.add_header("If-Modified-Since", last_modified)
    try:
        with urllib.request.urlopen(request, timeout=HTTP_TIMEOUT) as response:  # noqa: S310
            body = response.read(MAX_BYTES + 1)
            if len(body) > MAX_BYTES:
                raise ValueError(f"The answer is over the {MAX_BYTES:,} bytes allowed.")
            return HttpAnswer(
                response.status,
                body,
                response.headers.get("ETag", ""),
                response.headers.get("Last-Modified", ""),
            )
    except urllib.error.HTTPError as error:
        if error.code == 304:
            return HttpAnswer(304, etag=etag, last_modified=last_modified)
        raise


def backoff(failures: int, every: timedelta) -> timedelta:
    """The wait after `failures` failures in a row: the poll interval, doubled each time."""
    return min(every * (2 ** min(failures, 16)), max(MAX_BACKOFF, every))


def poll_http(source: WireSource, now=None) -> str:
    """Poll one HTTP source once; return what happened in words."""
    now = now or timezone.now()
    every = timedelta(minutes=max(source.poll_minutes, 1))
    source.last_polled_at = now
    try:
        answer = fetch(source.url, etag=source.etag, last_modified=source.last_modified)
        if answer.status == 304:
            said = "Not modified since the last poll."
        else:
            outcomes = services.ingest_bytes(
                answer.body,
                name=source.url,
                source=source,
                fetch_picture=pictures.from_http(source.url),
            )
            source.etag, source.last_modified = answer.etag[:500], answer.last_modified[:100]
            said = f"{len(outcomes)} item(s): " + ", ".join(sorted({o.action for o in outcomes}))
        source.failures = 0
        source.last_error = ""
        source.next_poll_at = now + every
    except (OSError, ValueError, UnreadableItem) as error:
        source.failures += 1
        source.last_error = str(error)[:2000]
        wait = backoff(source.failures, every)
        source.next_poll_at = now + wait
        said = f"Failed ({error}); next try in {wait}."
        if not isinstance(error, UnreadableItem):  # ingest_bytes logged those itself
            services.log_entry(
                IngestLogEntry.Level.ERROR, said, source=source, file_name=source.url
            )
    source.save(
        update_fields=[
            "etag",
            "last_modified",
            "last_polled_at",
            "next_poll_at",
            "failures",
            "last_error",
        ]
    )
    return said


def poll_due_sources(now=None) -> list[tuple[WireSource, str]]:
    """Poll every enabled source whose time has come (the worker runs this every minute)."""
    now = now or timezone.now()
    done = []
    for source in WireSource.objects.filter(enabled=True).select_related("agency", "section"):
        if source.transport == WireSource.Transport.FOLDER:
            reports = poll_folder(source)
            done.append((source, f"{len(reports)} file(s) read"))
        elif source.next_poll_at is None or source.next_poll_at <= now:
            done.append((source, poll_http(source, now)))
    return done
