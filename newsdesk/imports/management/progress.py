"""What the import commands share: a progress bar on the terminal, and one way to stop on an
export that cannot be read."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from newsdesk.imports.reports import Report
from newsdesk.imports.xml_stream import UnreadableExport


@contextmanager
def import_progress(
    command: BaseCommand,
    report: Report,
    *,
    total: int | None = None,
    unit: str = "item",
    keeps_what_was_read: bool = False,
) -> Iterator[Callable[[int], object]]:
    """`update(n)` for a progress bar on the command's terminal (none when stderr is not one).

    An `UnreadableExport` raised inside stops the command with its reason. When the import
    keeps what it stored before the break (`keeps_what_was_read`, a real run), the summary of
    that is printed first and the message says so; otherwise nothing was imported.
    """
    bar = tqdm(
        total=total,
        unit=unit,
        unit_scale=unit == "B",
        disable=not command.stderr.isatty(),
        file=command.stderr._out,
    )
    try:
        yield bar.update
    except UnreadableExport as error:
        if keeps_what_was_read and report.counts and not report.dry_run:
            # Broken further down: what was read before stays, and the same file, mended,
            # picks up where this run stopped.
            command.stdout.write(report.table())
            raise CommandError(
                f"{error} What was read before it is kept; mend the file and run again."
            ) from None
        raise CommandError(f"{error} Nothing was imported.") from None
    finally:
        bar.close()
