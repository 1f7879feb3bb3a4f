"""The mode in force for a story, auto-closing, and which commenters are trusted."""

from types import SimpleNamespace

import pytest

from newsdesk.articles.models import DiscussionMode
from newsdesk.discussion import services
from tests.common.db.articles import days_ago, make_story
from tests.common.db.discussion import CommentFactory, site_discussion_settings

pytestmark = pytest.mark.django_db


def test_story_mode_overrides_the_site(section, pre_moderated):
    story = make_story(section, "Open debate", discussion_mode=DiscussionMode.POST_MODERATED)
    assert services.discussion_mode(story, pre_moderated) == DiscussionMode.POST_MODERATED
    inherits = make_story(section, "As the site says")
    assert services.discussion_mode(inherits, pre_moderated) == DiscussionMode.PRE_MODERATED


def test_stories_close_automatically_after_n_days(section, home):
    site_settings = site_discussion_settings(default_mode="post", close_after_days=7)
    fresh = make_story(section, "Fresh", published_at=days_ago(6))
    old = make_story(section, "Old", published_at=days_ago(8))
    assert services.discussion_mode(fresh, site_settings) == DiscussionMode.POST_MODERATED
    assert services.discussion_mode(old, site_settings) == DiscussionMode.CLOSED


def test_auto_close_is_off_by_default(section, post_moderated):
    old = make_story(section, "Old", published_at=days_ago(3000))
    assert services.discussion_mode(old, post_moderated) == DiscussionMode.POST_MODERATED


def test_trusted_after_n_approved_comments_and_no_rejection(story):
    CommentFactory.create_batch(2, story=story, author_email="anna@example.org")
    CommentFactory(story=story, author_email="few@example.org")
    CommentFactory.create_batch(3, story=story, author_email="mixed@example.org")
    CommentFactory(story=story, author_email="mixed@example.org", status="rejected")
    CommentFactory.create_batch(3, story=story, author_email="spammy@example.org")
    CommentFactory(story=story, author_email="spammy@example.org", status="spam")
    assert services.is_trusted_commenter("Anna@Example.org", 2)
    assert not services.is_trusted_commenter("few@example.org", 2)
    assert not services.is_trusted_commenter("mixed@example.org", 2)
    assert not services.is_trusted_commenter("spammy@example.org", 2)


def test_trust_is_off_when_the_setting_is_zero(story):
    CommentFactory.create_batch(5, story=story, author_email="anna@example.org")
    assert not services.is_trusted_commenter("anna@example.org", 0)


def test_settings_without_a_site_fall_back_to_defaults():
    site_settings = services.discussion_settings(SimpleNamespace(_wagtail_site=None))
    assert site_settings.default_mode == DiscussionMode.PRE_MODERATED
