"""A Disqus export's comments, matched to stories by identifier or address."""

from datetime import UTC, datetime

import pytest

from newsdesk.articles.models import Article, DiscussionMode
from newsdesk.discussion.models import Comment
from newsdesk.imports.disqus import import_disqus, match_thread
from newsdesk.imports.models import ImportedItem
from newsdesk.imports.reports import Report
from newsdesk.imports.xml_stream import UnreadableExport
from tests.common.db.articles import days_ago, make_story
from tests.common.db.imported_posts import make_imported_post
from tests.imports.conftest import FIXTURES, SHARED_COMMENTS, by_author, import_comments

pytestmark = pytest.mark.django_db

HARBOUR = FIXTURES / "disqus-harbour.xml"
SHARED = SHARED_COMMENTS


def imported(path=HARBOUR, **options) -> Report:
    return import_comments(import_disqus, path, **options)


def test_posts_are_stored_on_their_threads_stories(ferry, lighthouse):
    report = imported()
    nia = by_author("Nia Dock")
    assert nia.story == ferry
    assert nia.status == Comment.Status.APPROVED
    assert nia.text == "Fewer boats, same fares.\n\nTypical."
    assert nia.author_email == "nia@example.org"
    assert nia.ip_address == "198.51.100.4"
    assert nia.submitted_at == datetime(2024, 11, 2, 9, tzinfo=UTC)
    assert by_author("Light Keeper").story == lighthouse
    assert report.total("thread", "matched") == 2
    assert report.total("comment", "added") == 7


def test_a_reply_whose_parent_comes_later_is_threaded(ferry, lighthouse):
    imported()
    nia, kit, sam = by_author("Nia Dock"), by_author("Kit Keel"), by_author("Sam Slip")
    assert (kit.parent, kit.thread_root, kit.depth) == (nia, nia, 1)
    assert (sam.parent, sam.thread_root, sam.depth) == (kit, nia, 2)
    assert sam.text == "Same here & worse.\nMuch worse."


def test_deleted_posts_are_rejected_and_their_replies_keep_their_place(ferry, lighthouse):
    imported()
    deleted = by_author("Deleted Deckhand")
    assert deleted.status == Comment.Status.REJECTED
    reply = by_author("Curious Crew")
    assert (reply.parent, reply.status) == (deleted, Comment.Status.APPROVED)


def test_spam_posts_are_spam(ferry, lighthouse):
    imported()
    spam = by_author("Spam Sloop")
    assert spam.status == Comment.Status.SPAM
    assert spam.text == "Cheap pills (https://pills.example)"


def test_a_closed_thread_closes_comments_on_its_story(ferry, lighthouse):
    report = imported()
    lighthouse.refresh_from_db()
    ferry.refresh_from_db()
    assert lighthouse.discussion_mode == DiscussionMode.CLOSED
    assert ferry.discussion_mode != DiscussionMode.CLOSED
    # Kept closed by the next publication of its latest revision.
    lighthouse.latest_revision.publish()
    assert Article.objects.get(pk=lighthouse.pk).discussion_mode == DiscussionMode.CLOSED
    assert report.total("thread", "closed") == 1


def test_unmatched_threads_orphans_and_malformed_posts_are_reported(ferry, lighthouse):
    report = imported()
    names = set(Comment.objects.values_list("author_name", flat=True))
    assert not names & {"Elsewhere Reader", "Orphan Oar", "Vague Vessel"}
    notes = "\n".join(report.notes)
    assert "thread 22 “About us”" in notes
    assert "comment 308: its thread 999 is not in the export" in notes
    assert "comment 306: malformed: no readable createdAt date" in notes
    assert report.total("thread", "unmatched") == 1
    assert report.total("comment", "skipped") == 3


def test_a_second_run_changes_nothing_and_a_dry_run_stores_nothing(ferry, lighthouse):
    dry = imported(dry_run=True)
    assert not Comment.objects.exists()
    assert Article.objects.get(pk=lighthouse.pk).discussion_mode != DiscussionMode.CLOSED
    imported()
    before = list(Comment.objects.order_by("pk").values())
    again = imported()
    assert list(Comment.objects.order_by("pk").values()) == before
    assert again.total("comment", "unchanged") == dry.total("comment", "added") == 7
    records = ImportedItem.objects.filter(source="disqus", archive="harbourgazette")
    assert records.filter(kind="comment").count() == 7
    threads = records.filter(kind="thread").order_by("external_id")
    assert [(t.external_id, t.story) for t in threads] == [("20", ferry), ("21", lighthouse)]
    assert threads[1].original_url == "http://gazette.example/2024/10/lighthouse-sale"


def test_matching_by_our_own_story_address_or_slug(section):
    story = make_story(section, "Tides tonight", published_at=days_ago(2))
    path = story.get_absolute_url()
    assert match_thread("", f"https://news.example{path}") == story
    assert match_thread("", path) == story
    assert match_thread("tides-tonight", "") == story
    assert match_thread("", "https://news.example/en/nowhere/") is None


def test_imported_comments_purge_each_story_once(
    ferry, lighthouse, purges, django_capture_on_commit_callbacks
):
    purges.purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        imported()
    purged = [key for keys, _ in purges.purges for key in keys]
    assert sorted(purged) == sorted([f"comments-{ferry.pk}", f"comments-{lighthouse.pk}"])


def test_a_file_of_another_kind_is_refused_and_stores_nothing(ferry, tmp_path):
    """Reading errors of any XML file are xml_stream's (test_xml_stream); this is Disqus's."""
    path = tmp_path / "disqus.xml"
    path.write_text("<rss><channel/></rss>")
    with pytest.raises(UnreadableExport, match="is not a Disqus export"):
        imported(path)
    assert not Comment.objects.exists()


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/data/comments-import is not here")
def test_the_shared_disqus_export(section):
    """isso's test export: a thread matched by address, a thread without id or address, a
    reply, and a post whose thread is not in the export."""
    story = make_imported_post(section, 7, site="http://example.org", url="http://example.org/")
    report = imported(SHARED / "isso-disqus.xml")

    peter = by_author("peter")
    assert (peter.story, peter.text, peter.status) == (story, "...", Comment.Status.APPROVED)
    assert peter.author_email == "foo@bar.com"
    assert peter.ip_address == "127.0.0.1"
    assert peter.submitted_at == datetime(2013, 10, 10, 19, 20, 29, tzinfo=UTC)
    user = by_author("user")
    assert (user.parent, user.depth, user.text) == (peter, 1, "Hello, World.")
    assert user.submitted_at == datetime(2013, 10, 11, 6, 51, 33, tzinfo=UTC)
    assert not Comment.objects.filter(author_name="where am I?").exists()
    assert report.total("thread", "matched") == 1
    assert report.total("thread", "unmatched") == 1
    assert any("its thread 1337 is not in the export" in note for note in report.notes)
