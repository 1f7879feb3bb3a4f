"""`newsdesk ingest` prints what it did with each item and keeps going past a bad file."""

import io

import pytest
from django.core.management import CommandError, call_command

from newsdesk.articles.models import Article
from tests.wire.conftest import FIXTURES

pytestmark = pytest.mark.django_db


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("ingest", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_ingest_prints_each_item_and_the_files_it_could_not_read(section):
    out, err = run(
        str(FIXTURES / "nitf.xml"), str(FIXTURES / "broken.xml"), str(FIXTURES / "rss-2.0.xml")
    )
    assert "nitf.xml: created: New story (draft): Wheat harvest beats forecasts" in out + err
    assert "broken.xml: not ingested: The XML is broken" in out + err
    assert "3 file(s), 2 item(s), 1 file(s) not ingested." in out
    assert Article.objects.count() == 2
    story = Article.objects.get(headline="Wheat harvest beats forecasts")
    assert story.byline_entries.get().agency.short_name == "AP"
    # Again: nothing new.
    out, err = run(str(FIXTURES / "nitf.xml"))
    assert "unchanged" in out + err and Article.objects.count() == 2


def test_ingest_a_folder_files_in_the_named_section(section, home):
    from tests.common.db.sections import make_section

    other = make_section(home, "Economy")
    run(str(FIXTURES), "--section", other.slug)
    assert Article.objects.filter(section=other).count() >= 8
    assert not Article.objects.filter(section=section).exists()


def test_ingest_says_what_is_wrong_with_its_arguments(section):
    with pytest.raises(CommandError, match="No such file"):
        run("/nonexistent/file.xml")
    with pytest.raises(CommandError, match="No wire source"):
        run(str(FIXTURES / "nitf.xml"), "--source", "Nobody")
    with pytest.raises(CommandError, match="Give files"):
        run()


def test_watch_reads_the_folder_and_moves_each_file(section, tmp_path, monkeypatch):
    import shutil

    from newsdesk.wire.management.commands import ingest

    shutil.copy(FIXTURES / "atom.xml", tmp_path / "atom.xml")
    shutil.copy(FIXTURES / "broken.json", tmp_path / "broken.json")

    def stop(seconds):
        raise KeyboardInterrupt

    monkeypatch.setattr(ingest.time, "sleep", stop)
    out, _err = run("--watch", str(tmp_path))
    assert "Watching" in out and "Stopped." in out
    assert [p.name for p in (tmp_path / "done").iterdir()] == ["atom.xml"]
    assert [p.name for p in (tmp_path / "failed").iterdir()] == ["broken.json"]
    assert Article.objects.get().headline == "Zug fährt wieder"
