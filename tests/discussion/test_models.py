"""Comments know their thread; the site's settings and the policy have sensible defaults."""

import pytest
from django.contrib.auth.models import Group

from newsdesk.articles.models import DiscussionMode
from newsdesk.discussion.models import CommentPolicy, DiscussionSettings, site_discussion_modes
from tests.common.db.discussion import CommentFactory, CommentPolicyFactory

pytestmark = pytest.mark.django_db


def test_a_reply_takes_its_depth_and_thread_from_its_parent(story):
    root = CommentFactory(story=story)
    reply = CommentFactory(story=story, parent=root)
    deeper = CommentFactory(story=story, parent=reply)
    assert (root.depth, root.thread_root_id) == (0, None)
    assert (reply.depth, reply.thread_root_id) == (1, root.pk)
    assert (deeper.depth, deeper.thread_root_id) == (2, root.pk)


def test_site_defaults_are_pre_moderation_never_closed_nobody_trusted():
    defaults = DiscussionSettings()
    assert defaults.default_mode == DiscussionMode.PRE_MODERATED
    assert defaults.close_after_days == 0 and defaults.trusted_after_approved == 0


def test_a_site_cannot_default_to_the_site_default():
    assert "" not in dict(site_discussion_modes())
    assert set(dict(site_discussion_modes())) == {"pre", "post", "closed"}


def test_one_policy_per_language_named_by_it():
    policy = CommentPolicyFactory(language="ru")
    assert str(policy) == "Comment policy (Russian)"
    assert CommentPolicy._meta.get_field("language").unique


def test_editors_may_edit_the_comment_policy():
    editors = Group.objects.get(name="Editors")
    codenames = set(editors.permissions.values_list("codename", flat=True))
    assert {"add_commentpolicy", "change_commentpolicy", "delete_commentpolicy"} <= codenames
