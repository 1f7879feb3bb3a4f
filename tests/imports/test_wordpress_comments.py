"""The comments of a WordPress export, stored under the stories its posts became."""

from datetime import UTC, datetime

import pytest

from newsdesk.discussion.models import Comment
from newsdesk.imports.models import ImportedItem
from newsdesk.imports.reports import Report
from newsdesk.imports.wordpress_comments import import_wordpress_comments
from newsdesk.imports.xml_stream import UnreadableExport
from tests.common.db.imported_posts import make_imported_post
from tests.imports.conftest import FIXTURES, SHARED_COMMENTS, by_author, import_comments

pytestmark = pytest.mark.django_db

THREADS = FIXTURES / "wxr-comments-threads.xml"
SHARED = SHARED_COMMENTS


def imported(path=THREADS, **options) -> Report:
    return import_comments(import_wordpress_comments, path, **options)


def test_comments_are_stored_threaded_with_their_status_author_and_date(ferry):
    """Each comment keeps its author, email, address, date (GMT) and place in the thread."""
    report = imported()

    first = by_author("Mara Quay")
    assert first.story == ferry
    assert (first.parent, first.thread_root, first.depth) == (None, None, 0)
    assert first.status == Comment.Status.APPROVED
    assert first.author_email == "mara@example.org"
    assert first.ip_address == "203.0.113.7"
    assert first.submitted_at == datetime(2024, 11, 2, 9, 15, tzinfo=UTC)
    assert first.text == "The 7:10 was the only boat I could take.\n\nWho decided this?"
    assert first.language == "en"
    assert first.notify_on_reply is False

    reply = by_author("Harbour Master")
    assert (reply.parent, reply.thread_root, reply.depth) == (first, first, 1)
    assert reply.text == "The council did, see the minutes (https://council.example/minutes)."

    # Listed before its parent in the file: threaded all the same.
    late = by_author("Olu Pier")
    assert (late.parent, late.thread_root, late.depth) == (reply, first, 2)
    assert late.text == "Replying to the reply: agreed."
    assert late.ip_address == "2001:db8::5"

    assert report.total("comment", "added") == 7
    assert report.total("pingback") == 1
    assert report.total("trackback") == 1


def test_pending_spam_and_trash_are_held_spam_and_rejected(ferry):
    imported()
    assert by_author("Waiting Reader").status == Comment.Status.PENDING
    assert by_author("Cheap Pills").status == Comment.Status.SPAM
    assert by_author("Binned").status == Comment.Status.REJECTED
    visible = Comment.objects.visible().filter(story=ferry)
    assert sorted(visible.values_list("author_name", flat=True)) == [
        "Harbour Master",
        "Lost Thread",
        "Mara Quay",
        "Olu Pier",
    ]


def test_pingbacks_and_trackbacks_are_left_out(ferry):
    imported()
    assert not Comment.objects.filter(author_name__in=["Other Blog", "Another Blog"]).exists()


def test_a_reply_to_a_missing_comment_becomes_a_comment_on_the_story(ferry):
    report = imported()
    lost = by_author("Lost Thread")
    assert (lost.parent, lost.thread_root, lost.depth) == (None, None, 0)
    assert report.total("comment", "parent missing") == 1
    assert any("499" in note for note in report.notes)


def test_comments_of_a_post_not_imported_are_reported_once(ferry):
    report = imported()
    assert not Comment.objects.filter(author_name__in=["Early Bird", "Second Bird"]).exists()
    notes = [note for note in report.notes if "post 102" in note]
    assert len(notes) == 1
    assert "2 comment(s)" in notes[0]
    assert report.total("comment", "skipped") == 2


def test_each_comment_is_recorded_for_the_next_run(ferry):
    imported()
    records = ImportedItem.objects.filter(source="wordpress", kind="comment")
    assert sorted(records.values_list("external_id", flat=True)) == [
        "501",
        "502",
        "503",
        "504",
        "505",
        "506",
        "509",
    ]
    record = records.get(external_id="501")
    assert record.archive == "gazette.example"
    assert record.comment == by_author("Mara Quay")
    assert record.story == ferry
    assert len(record.fingerprint) == 64


def test_a_second_run_changes_nothing(ferry):
    imported()
    before = list(Comment.objects.order_by("pk").values())
    report = imported()
    assert list(Comment.objects.order_by("pk").values()) == before
    assert report.total("comment", "unchanged") == 7
    assert report.total("comment", "added") == 0


def test_a_newer_export_updates_text_and_status(ferry, tmp_path):
    imported()
    newer = tmp_path / "newer.xml"
    newer.write_text(
        THREADS.read_text()
        .replace("Still waiting for a moderator.", "Approved at last.")
        .replace("<wp:comment_approved><![CDATA[0]]>", "<wp:comment_approved><![CDATA[1]]>")
    )
    count = Comment.objects.count()
    report = imported(newer)
    waiting = by_author("Waiting Reader")
    assert (waiting.text, waiting.status) == ("Approved at last.", Comment.Status.APPROVED)
    assert Comment.objects.count() == count
    assert report.total("comment", "updated") == 1
    assert report.total("comment", "unchanged") == 6


def test_a_dry_run_stores_nothing_and_counts_all(ferry):
    report = imported(dry_run=True)
    assert not Comment.objects.exists()
    assert not ImportedItem.objects.filter(kind="comment").exists()
    assert report.total("comment", "added") == 7
    assert report.table().startswith("Dry run: nothing was stored.")


def test_a_comment_deleted_here_is_not_brought_back(ferry):
    imported()
    by_author("Binned").delete()
    report = imported()
    assert not Comment.objects.filter(author_name="Binned").exists()
    assert any("506" in note and "not restored" in note for note in report.notes)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("<disqus><thread/></disqus>", "is not a WordPress export"),
        (
            "<rss><channel><item><title>A</title></item></channel></rss>",
            "is XML but not a WordPress",
        ),
    ],
)
def test_a_file_of_another_kind_is_refused_and_stores_nothing(ferry, tmp_path, content, message):
    """Reading errors of any XML file are xml_stream's (test_xml_stream); these are WXR's."""
    path = tmp_path / "export.xml"
    path.write_text(content)
    with pytest.raises(UnreadableExport, match=message):
        imported(path)
    assert not Comment.objects.exists()


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/data/comments-import is not here")
def test_the_shared_wordpress_export(section):
    """isso's test export: no wp:base_site_url (the archive is the posts' host), a post known
    only by its ?p= address, and a comment id listed twice."""
    post = make_imported_post(section, 18, site="http://example.tld")
    other = make_imported_post(section, 4, site="http://example.tld")
    report = imported(SHARED / "isso-wordpress.xml")

    comments = {c.author_name + c.text[:6]: c for c in Comment.objects.all()}
    ohai = comments["OhaiErster"]
    assert ohai.story == post
    assert ohai.text == "Erster!1"
    assert ohai.author_email == "test@example.org"
    assert ohai.ip_address == "82.119.20.0"
    assert ohai.submitted_at == datetime(2014, 1, 14, 17, 32, 12, tzinfo=UTC)
    second = comments["TesterZweite"]
    third = comments["TesterDrölft"]
    assert (third.parent, third.depth) == (second, 1)
    assert third.submitted_at == datetime(2014, 4, 29, 15, 21, 35, tzinfo=UTC)
    replies = Comment.objects.filter(parent=third).order_by("submitted_at")
    assert [(c.text, c.depth, c.thread_root) for c in replies] == [
        ("Yet another reply.", 2, second),
        ("...", 2, second),
    ]
    multiline = comments["Multiline AuthorWhen y"]
    assert multiline.text == (
        "When you have a comment with multiple lines:\nWordPress exports it like this."
    )
    assert multiline.submitted_at == datetime(2022, 6, 6, 2, 13, 14, tzinfo=UTC)
    assert comments["Letzter :/..."].story == post
    # Comment 11 appears again under post 4: the first one stands, the second is reported.
    assert not Comment.objects.filter(story=other).exists()
    assert any("listed twice" in note for note in report.notes)
    assert Comment.objects.filter(status=Comment.Status.APPROVED).count() == 7
