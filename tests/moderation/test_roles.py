"""The Comment moderators group: comment moderation and admin access, nothing on stories."""

import pytest
from django.contrib.auth.models import Group
from wagtail.permissions import policy_registry

from newsdesk.discussion.models import Comment
from newsdesk.moderation.models import Ban, ModerationDecision
from newsdesk.moderation.roles import MODERATORS_GROUP, can_moderate, has_permission
from tests.common.db.moderation import make_moderator

pytestmark = pytest.mark.django_db


def test_migration_creates_the_moderators_group():
    codenames = set(
        Group.objects.get(name=MODERATORS_GROUP).permissions.values_list(
            "content_type__app_label", "codename"
        )
    )
    assert {("wagtailadmin", "access_admin"), ("discussion", "change_comment")} <= codenames
    assert not {label for label, _ in codenames} & {"articles", "wagtailcore"}


def test_a_moderator_may_moderate_but_not_edit_stories():
    moderator = make_moderator()
    assert can_moderate(moderator)
    assert has_permission(moderator, "moderation.add_ban")
    assert not moderator.has_perm("articles.change_article")
    assert not moderator.has_perm("articles.add_article")


def test_inactive_moderators_may_not_moderate():
    assert not can_moderate(make_moderator(is_active=False))


def test_admin_policies(admin_user):
    comments = policy_registry.get_by_type(Comment)
    assert comments.user_has_permission(admin_user, "change")
    assert not comments.user_has_permission(admin_user, "add")
    assert not comments.user_has_permission(admin_user, "delete")
    bans = policy_registry.get_by_type(Ban)
    assert bans.user_has_permission(admin_user, "add")
    assert not bans.user_has_permission(admin_user, "change")
    log = policy_registry.get_by_type(ModerationDecision)
    assert log.user_has_permission(admin_user, "view")
    assert not log.users_with_any_permission(["delete"]).exists()
