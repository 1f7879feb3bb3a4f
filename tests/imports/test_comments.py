"""The one store of imported comments: text, threads, idempotence, none of the reader's path."""

from datetime import UTC, datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsdesk.discussion.models import Comment
from newsdesk.discussion.signals import comment_published
from newsdesk.imports import comments as store
from newsdesk.imports.reports import Report
from newsdesk.moderation import pipeline, privacy
from tests.common.db.articles import days_ago, make_story

pytestmark = pytest.mark.django_db

WHEN = datetime(2020, 5, 1, 12, tzinfo=UTC)


@pytest.fixture
def story(section):
    return make_story(section, "Harbour wall repaired", published_at=days_ago(3))


def exported(story, external_id, *, parent="", minutes=0, **fields) -> store.ExportedComment:
    values = {
        "author_name": f"Reader {external_id}",
        "author_email": f"reader{external_id}@example.org",
        "text": f"Comment {external_id}.",
        "status": Comment.Status.APPROVED,
        "ip_address": "203.0.113.9",
        "language": "en",
    }
    values.update(fields)
    return store.ExportedComment(
        external_id=str(external_id),
        story_id=story.pk,
        submitted_at=WHEN + timedelta(minutes=minutes),
        parent_id=str(parent),
        **values,
    )


def stored(comments, *, dry_run=False) -> Report:
    report = Report(dry_run=dry_run)

    def work(changed, closed):
        importer = store.CommentImport("disqus", "harbour", report=report)
        for comment in comments:
            importer.add(comment)
        importer.finish()
        changed |= importer.changed_stories

    store.run_import(work, dry_run=dry_run)
    return report


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("Plain words\nover two lines", "Plain words\nover two lines"),
        ("<p>One.</p>\n<p>Two.</p>", "One.\n\nTwo."),
        ("Line<br>break<br/>again", "Line\nbreak\nagain"),
        ('<a href="https://a.example/x">https://a.example/x</a>', "https://a.example/x"),
        ('<a href="https://a.example/">the site</a>', "the site (https://a.example/)"),
        ('<a href="javascript:alert(1)">click</a>', "click"),
        ("<script>alert(1)</script>Kept", "Kept"),
        ("<b>bold</b> &amp; <i>italic</i> &lt;3", "bold & italic <3"),
        ("<blockquote>Quoted</blockquote>Answer", "Quoted\n\nAnswer"),
        ("  \n  ", ""),
    ],
)
def test_plain_text_keeps_what_readers_wrote_without_markup(markup, text):
    assert store.plain_text(markup) == text


def test_author_fields_are_cleaned():
    assert store.author_email(" Ann@Example.ORG\n ") == "ann@example.org"
    assert store.author_email("not an address") == ""
    assert store.ip_address("::ffff:82.119.20.7") == "82.119.20.7"
    assert store.ip_address("unknown") is None
    assert store.author_name("  Ann \n Reader ") == "Ann Reader"
    assert store.author_name("", "fr") == "Anonyme"
    assert len(store.author_name("x" * 500)) == 100


def test_deep_threads_are_stored_whole_and_shown_as_the_discussion_shows_them(story, settings):
    """Any depth is stored, as the reader form stores it; the page nests to the display depth."""
    chain = [exported(story, 1)] + [
        exported(story, n, parent=n - 1, minutes=n) for n in range(2, 8)
    ]
    stored(reversed(chain))  # every reply read before its parent
    comments = {c.author_name: c for c in Comment.objects.all()}
    root = comments["Reader 1"]
    for n in range(2, 8):
        reply = comments[f"Reader {n}"]
        assert reply.parent == comments[f"Reader {n - 1}"]
        assert (reply.thread_root, reply.depth) == (root, n - 1)


def test_a_loop_of_replies_is_broken_not_stored_in_a_loop(story):
    report = stored([exported(story, 1, parent=2), exported(story, 2, parent=1, minutes=1)])
    assert report.total("comment", "added") == 2
    (root,) = Comment.objects.filter(parent__isnull=True)
    (reply,) = Comment.objects.exclude(pk=root.pk)
    assert (reply.parent, reply.thread_root, reply.depth) == (root, root, 1)


def test_imported_comments_skip_the_reader_path(story, monkeypatch, settings):
    """No moderation checks, no flood limits, no reply emails: history is not a new post."""

    def refuse(*args, **kwargs):
        raise AssertionError("the moderation pipeline was asked")

    monkeypatch.setattr(pipeline, "review", refuse)
    monkeypatch.setattr(pipeline, "run_checks", refuse)
    settings.NEWSDESK_COMMENT_LIMIT_PER_EMAIL = "1/3600"
    published = []

    def record(sender, comment, **kwargs):
        published.append(comment)

    # Reply emails, like the reader form's other after-effects, hang on comment_published.
    comment_published.connect(record, dispatch_uid="test-import-published")
    try:
        # Sixty comments in a minute from one address and IP, every other one a reply.
        comments = [
            exported(
                story, n, author_email="same@example.org", minutes=0, parent=n - 1 if n % 2 else ""
            )
            for n in range(60)
        ]
        report = stored(comments)
    finally:
        comment_published.disconnect(dispatch_uid="test-import-published")
    assert report.total("comment", "added") == 60
    assert Comment.objects.filter(author_email="same@example.org").count() == 60
    assert Comment.objects.filter(parent__isnull=False).count() == 30
    assert all(c.moderation_reasons == [] for c in Comment.objects.all())
    assert published == [] and mail.outbox == []


def test_a_changed_comment_is_updated_and_its_story_refreshed(
    story, purges, django_capture_on_commit_callbacks
):
    stored([exported(story, 1), exported(story, 2, status=Comment.Status.PENDING)])
    purges.purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        report = stored(
            [exported(story, 1), exported(story, 2, text="Approved now.", status="approved")]
        )
    assert Comment.objects.get(author_name="Reader 2").text == "Approved now."
    assert report.total("comment", "updated") == 1
    assert report.total("comment", "unchanged") == 1
    assert purges.purged_keys() == {f"comments-{story.pk}"}
    assert len(purges.purges) == 1


def test_held_and_spam_comments_do_not_purge_the_story(
    story, purges, django_capture_on_commit_callbacks
):
    purges.purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        stored([exported(story, 1, status="pending"), exported(story, 2, status="spam")])
    assert purges.purges == []


def test_the_story_page_shows_imported_comments_escaped_with_their_count(client, story):
    stored(
        [
            exported(story, 1, text=store.plain_text("<p>Hi <script>alert(1)</script></p>")),
            exported(story, 2, text="<img src=x onerror=alert(1)> as typed", minutes=1),
            exported(story, 3, status="spam", minutes=2),
        ]
    )
    page = BeautifulSoup(client.get(story.get_absolute_url()).content, "html.parser")
    assert page.find(string=lambda s: s and "3 Comments" in s) is None
    assert page.find(string=lambda s: s and "2 Comments" in s) is not None
    discussion = str(page)
    assert "<script>alert(1)</script>" not in discussion
    assert "<img src=x onerror" not in discussion
    assert "&lt;img src=x onerror=alert(1)&gt; as typed" in discussion
    assert page.find("img", onerror=True) is None


def test_the_privacy_tools_find_imported_comments_by_email(story):
    stored(
        [
            exported(story, 1, author_email="ann@example.org"),
            exported(story, 2, author_email="ann@example.org", parent=1, minutes=1),
            exported(story, 3, author_email="bob@example.org", parent=1, minutes=2),
        ]
    )
    data = privacy.commenter_data("Ann@Example.org")
    assert sorted(c["text"] for c in data["comments"]) == ["Comment 1.", "Comment 2."]
    erasure = privacy.erase_commenter_data("ann@example.org")
    assert (erasure.anonymised, erasure.deleted) == (1, 1)
    assert not Comment.objects.filter(author_email="ann@example.org").exists()


def test_erased_comments_are_not_brought_back_by_the_next_import(story):
    comments = [
        exported(story, 1, author_email="ann@example.org"),
        exported(story, 2, author_email="ann@example.org", parent=1, minutes=1),
        exported(story, 3, parent=1, minutes=2),
    ]
    stored(comments)
    privacy.erase_commenter_data("ann@example.org")
    newer = [exported(story, 1, author_email="ann@example.org", text="Edited."), *comments[1:]]
    report = stored(newer)
    assert not Comment.objects.filter(author_email="ann@example.org").exists()
    assert Comment.objects.count() == 2  # the anonymised root and Reader 3's reply
    assert report.total("comment", "added") == 0
    assert report.total("comment", "skipped") == 2


def test_storing_costs_a_few_queries_per_batch_not_per_comment(story):
    comments = [exported(story, 1)] + [
        exported(story, n, parent=1, minutes=n) for n in range(2, 400)
    ]
    with CaptureQueriesContext(connection) as queries:
        stored(comments)
    assert Comment.objects.count() == 399
    sql = [query["sql"] for query in queries.captured_queries]
    # One look-up of earlier records; the rest are bulk inserts (SQLite splits each in a few).
    assert len([q for q in sql if q.startswith("SELECT")]) == 1
    assert not [q for q in sql if q.startswith("UPDATE")]
    assert len([q for q in sql if q.startswith("INSERT")]) <= 30
