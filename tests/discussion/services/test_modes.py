"""The mode in force for a story, auto-closing, and which commenters are trusted."""

import pytest
from wagtail.models import Site

from newsdesk.articles.models import DiscussionMode
from newsdesk.discussion import services
from newsdesk.discussion.models import DiscussionSettings
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


def test_settings_without_a_site_fall_back_to_defaults(rf):
    Site.objects.all().delete()
    site_settings = services.discussion_settings(rf.get("/"))
    assert site_settings.default_mode == DiscussionMode.PRE_MODERATED


def test_settings_are_looked_up_once_per_host(rf, home, django_assert_num_queries):
    """The site and its settings are read for the first request to a host, not for each."""
    site_discussion_settings(default_mode="post")
    assert services.discussion_settings(rf.get("/")).default_mode == DiscussionMode.POST_MODERATED
    with django_assert_num_queries(0):
        again = services.discussion_settings(rf.get("/"))
    assert again.default_mode == DiscussionMode.POST_MODERATED


def test_changed_settings_are_seen_at_the_next_request(
    rf, home, purges, django_capture_on_commit_callbacks
):
    """Saving the settings purges `nav`, which drops the settings kept for every host."""
    kept = site_discussion_settings(default_mode="post")
    services.discussion_settings(rf.get("/"))
    with django_capture_on_commit_callbacks(execute=True):
        kept.default_mode = DiscussionMode.CLOSED
        kept.save()
    assert services.discussion_settings(rf.get("/")).default_mode == DiscussionMode.CLOSED


def test_a_site_added_for_a_host_is_seen_at_its_next_request(
    rf, home, purges, django_capture_on_commit_callbacks
):
    """Sites are matched by host: the default site's settings until the host gets its own."""
    site_discussion_settings(default_mode="post")
    other = rf.get("/", HTTP_HOST="other.example")
    assert services.discussion_settings(other).default_mode == DiscussionMode.POST_MODERATED
    other = rf.get("/", HTTP_HOST="other.example")
    with django_capture_on_commit_callbacks(execute=True):
        site = Site.objects.create(hostname="other.example", root_page=home, site_name="Other")
        DiscussionSettings.objects.filter(site=site).delete()
        DiscussionSettings.objects.create(site=site, default_mode=DiscussionMode.CLOSED)
    assert services.discussion_settings(other).default_mode == DiscussionMode.CLOSED
