"""What a story page shows: threads in order, by page, with removed comments; addresses; count."""

import pytest
from django.utils import timezone
from django.utils.translation import override

from newsdesk.discussion import services
from newsdesk.discussion.models import Comment
from tests.common.db.discussion import CommentFactory, comments_in_order, reply_chain

pytestmark = pytest.mark.django_db


def texts(nodes) -> list:
    return [
        (node.comment.text, texts(node.replies)) if node.replies else node.comment.text
        for node in nodes
    ]


def test_threads_read_oldest_first_and_newest_first_by_first_comment(story):
    first, second = comments_in_order(story, 2)
    CommentFactory(story=story, parent=first, text="reply", submitted_at=timezone.now())
    oldest = services.story_threads(story)
    assert texts(oldest.nodes) == [(first.text, ["reply"]), second.text]
    newest = services.story_threads(story, order="newest")
    assert texts(newest.nodes) == [second.text, (first.text, ["reply"])]
    assert oldest.count == newest.count == 3


def test_threads_are_paginated_by_first_comment(story, settings):
    settings.NEWSDESK_COMMENTS_PER_PAGE = 2
    roots = comments_in_order(story, 5)
    reply_chain(roots[0], 3)
    page_one = services.story_threads(story, number=1)
    assert [node.comment.pk for node in page_one.nodes] == [roots[0].pk, roots[1].pk]
    assert page_one.page.paginator.num_pages == 3
    assert [n.comment.pk for n in services.story_threads(story, number=3).nodes] == [roots[4].pk]
    assert services.story_threads(story, number=99).page.number == 1


def test_only_visible_comments_show_and_a_removed_parent_keeps_its_replies(story):
    root = CommentFactory(story=story, text="root")
    removed = CommentFactory(story=story, parent=root, text="removed")
    CommentFactory(story=story, parent=removed, text="kept reply")
    CommentFactory(story=story, parent=root, status="pending", text="pending")
    CommentFactory(story=story, status="spam", text="spam thread")
    Comment.objects.filter(pk=removed.pk).update(status="rejected")
    threads = services.story_threads(story)
    (node,) = threads.nodes
    (placeholder,) = node.replies
    assert not placeholder.shown
    assert [reply.comment.text for reply in placeholder.replies] == ["kept reply"]
    assert threads.count == 2


def test_thread_with_a_hidden_first_comment_still_shows_its_visible_replies(story):
    root = CommentFactory(story=story, text="root")
    CommentFactory(story=story, parent=root, text="reply")
    Comment.objects.filter(pk=root.pk).update(status="rejected")
    (node,) = services.story_threads(story).nodes
    assert not node.shown and node.replies[0].comment.text == "reply"


def test_comment_url_points_at_the_page_of_its_thread(story, settings):
    settings.NEWSDESK_COMMENTS_PER_PAGE = 2
    roots = comments_in_order(story, 3)
    reply = reply_chain(roots[2], 1)[0]
    base = story.get_absolute_url()
    assert roots[0].get_absolute_url() == f"{base}#comment-{roots[0].pk}"
    assert reply.get_absolute_url() == f"{base}?comments_page=2#comment-{reply.pk}"
    held = CommentFactory(story=story, status="pending")
    assert held.get_absolute_url() == f"{base}#comments"


@pytest.mark.parametrize(
    ("count", "language", "heading"),
    [
        (0, "en", "0 Comments"),
        (1, "en", "1 Comment"),
        (2, "en", "2 Comments"),
        (5, "en", "5 Comments"),
        (21, "en", "21 Comments"),
        (1, "ru", "1 комментарий"),
        (2, "ru", "2 комментария"),
        (5, "ru", "5 комментариев"),
        (21, "ru", "21 комментарий"),
        (22, "ru", "22 комментария"),
        (11, "ru", "11 комментариев"),
        (1, "fr", "1 commentaire"),
        (2, "fr", "2 commentaires"),
    ],
)
def test_comment_count_heading_is_pluralised_per_language(count, language, heading):
    with override(language):
        assert services.comment_count_heading(count) == heading
