"""The flood limits in the posting service: refused before review, before anything is stored."""

import pytest
from django.utils import timezone

from newsdesk.discussion import services
from newsdesk.discussion.models import Comment
from newsdesk.discussion.services.limits import PER_EMAIL, PER_IP, CommentLimited
from newsdesk.discussion.tokens import issue_form_token, read_form_token

pytestmark = pytest.mark.django_db


def post(story, n: int, **fields) -> services.Posted:
    fields.setdefault("author_name", "Anna Reader")
    fields.setdefault("author_email", f"reader{n}@example.org")
    fields.setdefault("ip_address", "203.0.113.9")
    return services.post_comment(
        story, read_form_token(issue_form_token()), text=f"My point number {n}.", **fields
    )


def test_past_the_address_limit_nothing_is_reviewed_or_stored(story, settings, checks):
    settings.NEWSDESK_COMMENT_LIMIT_PER_IP = 3
    for n in range(3):
        post(story, n)
    with pytest.raises(CommentLimited) as limited:
        post(story, 3)
    assert limited.value.limit == PER_IP
    assert len(checks.submissions) == 3  # the fourth never reached the moderation checks
    assert Comment.objects.count() == 3


def test_past_the_email_limit_the_address_keeps_its_share(story, settings):
    """A noisy commenter's refused comments are not counted against their office's address."""
    settings.NEWSDESK_COMMENT_LIMIT_PER_EMAIL = 1
    settings.NEWSDESK_COMMENT_LIMIT_PER_IP = 2
    post(story, 0, author_email="noisy@example.org")
    for n in range(1, 5):
        with pytest.raises(CommentLimited) as limited:
            post(story, n, author_email="noisy@example.org")
        assert limited.value.limit == PER_EMAIL
    post(story, 5, author_email="colleague@example.org")
    assert Comment.objects.count() == 2


def test_without_a_known_address_only_the_email_limit_applies(story, settings):
    """An address reader_ip could not establish (None) shares no bucket with other readers."""
    settings.NEWSDESK_COMMENT_LIMIT_PER_IP = 1
    settings.NEWSDESK_COMMENT_LIMIT_PER_EMAIL = 2
    for n in range(4):
        post(story, n, ip_address=None)
    assert Comment.objects.count() == 4
    post(story, 10, ip_address=None, author_email="same@example.org")
    post(story, 11, ip_address=None, author_email="same@example.org")
    with pytest.raises(CommentLimited):
        post(story, 12, ip_address=None, author_email="same@example.org")


def test_the_window_ends_and_comments_are_taken_again(story, settings):
    settings.NEWSDESK_COMMENT_LIMIT_PER_IP = 1
    settings.NEWSDESK_COMMENT_LIMIT_MINUTES = 10
    start = timezone.now()
    post(story, 0, now=start)
    with pytest.raises(CommentLimited) as limited:
        post(story, 1, now=start + timezone.timedelta(minutes=4))
    assert limited.value.retry_after == 6 * 60
    post(story, 2, now=start + timezone.timedelta(minutes=10))
    assert Comment.objects.count() == 2


def test_the_reader_is_told_how_long_to_wait_in_whole_minutes():
    assert CommentLimited(PER_IP, 61).message.endswith("You can send it in 2 minutes.")
    assert CommentLimited(PER_IP, 30).message.endswith("You can send it in 1 minute.")
