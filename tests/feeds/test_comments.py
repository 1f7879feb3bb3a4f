"""A story's comments feed: approved comments only, newest first, in RSS, Atom and JSON Feed."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsdesk.discussion.models import Comment
from tests.common.db.articles import make_story
from tests.common.db.discussion import CommentFactory, comments_in_order
from tests.feeds.conftest import read_feed, read_json_feed

pytestmark = pytest.mark.django_db


def address(story, kind: str = "") -> str:
    return f"/en/feeds/comments/{story.pk}/{kind}"


@pytest.mark.parametrize("kind", ["", "atom/"])
def test_comments_feed_lists_approved_comments_newest_first(client, section, kind):
    story = make_story(section, "Border talks resume")
    first, second = comments_in_order(story, 2)
    for status in (Comment.Status.PENDING, Comment.Status.REJECTED, Comment.Status.SPAM):
        CommentFactory(story=story, status=status, text=f"A {status} comment")
    feed = read_feed(client.get(address(story, kind)))
    assert feed.feed.title == "Comments on “Border talks resume” | The Test Courier"
    assert [entry.id for entry in feed.entries] == [
        f"newsdesk:comment:{second.pk}",
        f"newsdesk:comment:{first.pk}",
    ]
    entry = feed.entries[0]
    assert entry.title == f"Comment by {second.author_name}"
    assert entry.author == second.author_name
    assert BeautifulSoup(entry.summary, "html.parser").get_text() == second.text
    assert entry.link == f"http://testserver{story.get_absolute_url()}#comment-{second.pk}"
    assert entry.published_parsed


def test_comment_text_with_markup_reaches_readers_as_text(client, section):
    story = make_story(section)
    CommentFactory(story=story, text="I <b>disagree</b> & say so")
    (entry,) = read_feed(client.get(address(story))).entries
    assert BeautifulSoup(entry.summary, "html.parser").get_text() == "I <b>disagree</b> & say so"


def test_comments_json_feed(client, section):
    story = make_story(section)
    comment = CommentFactory(story=story)
    feed = read_json_feed(client.get(address(story, "json/")))
    (item,) = feed["items"]
    assert item["id"] == f"newsdesk:comment:{comment.pk}"
    assert item["content_text"] == comment.text
    assert item["authors"] == [{"name": comment.author_name}]


def test_a_comment_on_a_later_page_of_threads_links_to_that_page(client, section, settings):
    settings.NEWSDESK_COMMENTS_PER_PAGE = 2
    story = make_story(section)
    comments = comments_in_order(story, 3)
    reply = CommentFactory(
        story=story, parent=comments[2], submitted_at=comments[2].submitted_at + timedelta(1)
    )
    links = {entry.id: entry.link for entry in read_feed(client.get(address(story))).entries}
    assert links[f"newsdesk:comment:{reply.pk}"].endswith(f"?comments_page=2#comment-{reply.pk}")
    assert links[f"newsdesk:comment:{comments[0].pk}"].endswith(f"/#comment-{comments[0].pk}")


@pytest.mark.parametrize("kind", ["", "atom/", "json/"])
def test_comments_feed_is_404_for_a_story_readers_cannot_see(client, section, kind):
    draft = make_story(section, "Draft", publish=False)
    assert client.get(address(draft, kind)).status_code == 404
    assert client.get(f"/en/feeds/comments/999999/{kind}").status_code == 404
    assert client.get(f"/en/feeds/comments/nope/{kind}").status_code == 404


def test_comments_feed_carries_the_storys_comment_key(
    client, section, purges, django_capture_on_commit_callbacks
):
    """A comment approved or withdrawn purges `comments-<id>`, which the feed carries."""
    story = make_story(section)
    keys = set(client.get(address(story))["xkey"].split())
    assert {f"comments-{story.pk}", f"story-{story.pk}", "feed"} <= keys
    comment = CommentFactory(story=story)
    purges.purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        comment.text = "Edited."
        comment.save()
    assert f"comments-{story.pk}" in purges.purged_keys()


# The story; the comments; the thread order (for each comment's page). The site's name comes
# from the navigation, cached as for every page.
COMMENTS_FEED_QUERIES = 3


@pytest.mark.parametrize("kind", ["", "atom/", "json/"])
def test_comments_feed_queries_do_not_grow_with_comments(client, section, kind):
    story = make_story(section)
    comments = comments_in_order(story, 2)
    CommentFactory(story=story, parent=comments[0])

    def queries() -> int:
        client.get(address(story, kind))  # warm-up: the navigation is cached
        with CaptureQueriesContext(connection) as captured:
            assert client.get(address(story, kind)).status_code == 200
        return len(captured)

    assert queries() == COMMENTS_FEED_QUERIES
    for comment in comments_in_order(story, 10):
        CommentFactory(story=story, parent=comment)
    assert queries() == COMMENTS_FEED_QUERIES
