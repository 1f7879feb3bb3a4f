"""`newsdesk import_wordpress`: options, dry run, the summary table and clear errors."""

import pytest
from django.core.management import CommandError
from wagtail.contrib.redirects.models import Redirect

from newsdesk.articles.models import Article
from newsdesk.bylines.models import Author
from newsdesk.imports.models import ImportedItem
from newsdesk.photos.models import Photo
from tests.imports.conftest import FIXTURES, import_wordpress

CLASSIC = str(FIXTURES / "classic-1.1.xml")
MEDIA = str(FIXTURES / "uploads")


def test_the_command_imports_and_prints_the_summary(news, politics):
    out = import_wordpress(CLASSIC, "--section", "politics=politics", "--media", MEDIA)
    lines = out.splitlines()
    assert lines[0].split() == ["added", "skipped"]
    assert lines[1].split() == ["author", "2", "0"]
    assert lines[2].split() == ["photo", "1", "0"]
    assert lines[3].split() == ["post", "3", "3"]
    assert lines[4].split() == ["redirect", "2", "0"]
    assert "Left out:" in out
    assert "post 13 'Staff salaries': a private post" in out
    assert Article.objects.filter(section=politics).count() == 1
    assert Article.objects.filter(section=news).count() == 2


def test_a_dry_run_stores_nothing_and_writes_no_file(news, politics, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    out = import_wordpress(CLASSIC, "--section", "politics=politics", "--media", MEDIA, "--dry-run")
    assert out.startswith("Dry run: nothing was stored.")
    assert out.splitlines()[4].split() == ["post", "3", "3"]
    assert "image(s) not in the photo library" not in out
    assert Article.objects.count() == 0
    assert Photo.objects.count() == 0
    assert Author.objects.count() == 0
    assert Redirect.objects.count() == 0
    assert ImportedItem.objects.count() == 0
    assert not any(tmp_path.rglob("*.jpg"))


def test_the_default_section_and_the_edition_are_options(news, politics):
    import_wordpress(CLASSIC, "--default-section", "politics", "--edition", "en")
    assert Article.objects.filter(section=politics).count() == 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.xml"], "No such file: missing.xml"),
        (
            [str(FIXTURES / "not-wxr.xml")],
            r"not-wxr.xml is XML but not a WordPress export.*Nothing was imported\.",
        ),
        ([CLASSIC, "--section", "politics"], "write CATEGORY=SECTION"),
        ([CLASSIC, "--section", "politics=sport"], "No section 'sport' in the en edition"),
        ([CLASSIC, "--edition", "xx"], "No edition 'xx'"),
        ([CLASSIC, "--media", "/no/such/folder"], "No such folder: /no/such/folder"),
    ],
)
def test_bad_input_is_a_clear_error_and_stores_nothing(news, politics, args, message):
    with pytest.raises(CommandError, match=message):
        import_wordpress(*args)
    assert Article.objects.count() == 0


def test_a_file_broken_half_way_is_refused_before_any_post(news, politics, tmp_path):
    """The photos pass reads the whole file first: no post of a broken file is imported."""
    text = (FIXTURES / "classic-1.1.xml").read_text()
    broken = tmp_path / "broken.xml"
    cut = text.index("<title>Staff salaries</title>")
    broken.write_text(text[:cut] + "<title>Unclosed</item>")
    with pytest.raises(CommandError, match=r"broken\.xml is not well-formed XML: mismatched tag"):
        import_wordpress(str(broken), "--media", MEDIA)
    assert Article.objects.count() == 0
    assert Photo.objects.count() == 1  # read before the break, kept: the next run finds it


POSTS_AND_COMMENTS = str(FIXTURES / "wxr-posts-and-comments.xml")


def summary(out: str) -> dict[str, dict[str, str]]:
    """The summary table as {kind: {outcome: count}}."""
    lines = [line for line in out.splitlines() if line.strip()]
    start = 1 if lines[0].startswith("Dry run") else 0
    header = lines[start].split()
    rows = {}
    for line in lines[start + 1 :]:
        if line.startswith("Left out:"):
            break
        kind, *counts = line.split()
        rows[kind] = dict(zip(header, counts, strict=True))
    return rows


def test_one_run_brings_the_posts_and_then_their_comments_threaded(news):
    """The comments of the file find the stories its posts became, in the same run."""
    from newsdesk.discussion.models import Comment

    out = import_wordpress(POSTS_AND_COMMENTS)
    story = Article.objects.get(headline="Bridge over the Vakhsh to close for repairs")
    first, reply = Comment.objects.filter(story=story, status="approved").order_by("submitted_at")
    assert (first.author_name, reply.author_name, reply.parent) == ("Dilnoza", "Rustam", first)
    assert Comment.objects.get(story=story, author_name="Cheap pills").status == "spam"
    assert summary(out)["comment"]["added"] == "3" and summary(out)["post"]["added"] == "1"
    stored = sorted(Comment.objects.values_list("pk", "status", "text", "parent_id"))
    again = summary(import_wordpress(POSTS_AND_COMMENTS))
    assert sorted(Comment.objects.values_list("pk", "status", "text", "parent_id")) == stored
    assert Article.objects.count() == 1
    assert again["comment"].get("unchanged") == "3" and again["comment"].get("added", "0") == "0"


def test_a_dry_run_of_posts_and_comments_stores_neither_and_counts_both(news, monkeypatch):
    """The comments are counted as if their posts had been stored, and nothing is: not even
    the shared cache's record that the stories' discussions changed."""
    from newsdesk.discussion.models import Comment
    from newsdesk.imports import comments

    refreshed = []
    monkeypatch.setattr(comments, "refresh_stories", refreshed.append)
    out = import_wordpress(POSTS_AND_COMMENTS, "--dry-run")
    assert refreshed == []
    assert out.startswith("Dry run: nothing was stored.")
    header = out.splitlines()[1].split()
    row = next(line.split() for line in out.splitlines() if line.startswith("comment"))
    assert int(row[1 + header.index("added")]) == 3  # the spam one stored as spam, out of view
    assert "the post was not imported" not in out
    assert not Comment.objects.exists() and not Article.objects.exists()


def test_a_newer_export_rewords_a_photo_without_its_files_at_hand(news, politics, tmp_path):
    """The file is already in the library: a second run needs no --media to update its words."""
    import_wordpress(CLASSIC, "--media", MEDIA)
    newer = tmp_path / "newer.xml"
    newer.write_text(
        (FIXTURES / "classic-1.1.xml")
        .read_text()
        .replace("Fishing boats leave the harbour at dawn.", "Boats leave the harbour at six.")
    )
    out = import_wordpress(str(newer))
    photo_row = next(line.split() for line in out.splitlines() if line.startswith("photo"))
    header = out.splitlines()[0].split()
    assert photo_row[1 + header.index("updated")] == "1", out
    assert "missing" not in out
    assert Photo.objects.get().caption == "Boats leave the harbour at six."
