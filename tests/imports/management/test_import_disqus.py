"""`newsdesk import_disqus FILE.xml [--dry-run]` imports a Disqus export and prints a summary."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from newsdesk.discussion.models import Comment

pytestmark = pytest.mark.django_db

HARBOUR = Path(__file__).parents[1] / "fixtures" / "disqus-harbour.xml"


def run(*args) -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_disqus", *args, stdout=out, stderr=err)
    return out.getvalue()


@pytest.fixture
def stories(ferry, lighthouse):
    return [ferry, lighthouse]


def summary_row(out: str, kind: str) -> dict[str, str]:
    lines = out.splitlines()
    header = next(line for line in lines if "skipped" in line).split()
    row = next(line for line in lines if line.startswith(kind)).split()
    return dict(zip(header, row[1:], strict=True))


def test_import_prints_a_summary_and_what_was_left_out(stories):
    out = run(str(HARBOUR))
    assert summary_row(out, "comment")["added"] == "7"
    assert summary_row(out, "comment")["skipped"] == "3"
    assert "Left out:" in out
    assert "comment 308: its thread 999 is not in the export" in out
    assert Comment.objects.count() == 7
    again = run(str(HARBOUR))
    assert summary_row(again, "comment")["unchanged"] == "7"
    assert Comment.objects.count() == 7


def test_dry_run_says_so_and_stores_nothing(stories):
    out = run(str(HARBOUR), "--dry-run")
    assert out.startswith("Dry run: nothing was stored.")
    assert summary_row(out, "comment")["added"] == "7"
    assert not Comment.objects.exists()


def test_a_missing_file_stops_before_anything(stories):
    with pytest.raises(CommandError, match=r"No such file: missing\.xml"):
        run("missing.xml")


def test_an_unreadable_file_stops_with_its_reason_and_stores_nothing(stories, tmp_path):
    """Which reasons there are is test_xml_stream's; the command says it and that none was kept."""
    path = tmp_path / "export.xml"
    path.write_text("<rss/>")
    with pytest.raises(CommandError, match=r"is not a Disqus export.*Nothing was imported\."):
        run(str(path))
    assert not Comment.objects.exists()
