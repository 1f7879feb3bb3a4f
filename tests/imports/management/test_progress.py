"""The import commands stop alike on an unreadable export, saying whether anything was kept."""

from io import StringIO

import pytest
from django.core.management.base import BaseCommand, CommandError

from newsdesk.imports.management.progress import import_progress
from newsdesk.imports.reports import Report
from newsdesk.imports.xml_stream import UnreadableExport


def stopped(report: Report, **options) -> tuple[str, str]:
    """The CommandError's message and what the command printed."""
    command = BaseCommand(stdout=StringIO(), stderr=StringIO())
    with (
        pytest.raises(CommandError) as stop,
        import_progress(command, report, **options) as update,
    ):
        update(1)
        raise UnreadableExport("export.xml is not well-formed XML.")
    return str(stop.value), command.stdout._out.getvalue()


def test_nothing_read_yet_nothing_imported():
    message, printed = stopped(Report(), keeps_what_was_read=True)
    assert message == "export.xml is not well-formed XML. Nothing was imported."
    assert printed == ""


def test_what_a_real_run_stored_before_the_break_is_kept_and_summed_up():
    report = Report()
    report.count("photo", "added")
    message, printed = stopped(report, keeps_what_was_read=True)
    assert message.endswith("What was read before it is kept; mend the file and run again.")
    assert printed.split("\n")[1].split() == ["photo", "1"]


@pytest.mark.parametrize(("dry_run", "keeps"), [(True, True), (False, False)])
def test_a_dry_run_or_an_import_in_one_transaction_keeps_nothing(dry_run, keeps):
    report = Report(dry_run=dry_run)
    report.count("comment", "added")
    message, printed = stopped(report, keeps_what_was_read=keeps)
    assert message.endswith("Nothing was imported.")
    assert printed == ""
