"""Who may moderate: the Comment moderators group and the permissions each moderation action needs.

Comment moderators are not Wagtail's default "Moderators" group, which publishes pages: migration
0004 moved our permissions and its members off it.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from wagtail.permission_policies import ModelPermissionPolicy

#: The comment moderators' group (migration 0004): the queue, bans, word lists and the log; no
#: permission on stories, pages, photos or documents.
MODERATORS_GROUP = "Comment moderators"
#: Wagtail's own page moderators' group, which must hold none of the permissions below.
WAGTAIL_MODERATORS_GROUP = "Moderators"

#: Approve, reject, mark as spam and edit comments.
MODERATE_COMMENTS = "discussion.change_comment"
#: See the queue, with commenters' email and IP addresses.
VIEW_COMMENTS = "discussion.view_comment"
#: Ban a commenter.
BAN_COMMENTERS = "moderation.add_ban"
#: Lift a ban or change it.
LIFT_BANS = "moderation.change_ban"
#: Download everything stored about one commenter (a data request). No group holds it: only
#: administrators (superusers), or a group a site gives it to, such as its data protection officer.
EXPORT_COMMENTER_DATA = "moderation.export_commenter_data"

#: The permissions the Comment moderators group holds, as (app_label, codename).
MODERATOR_PERMISSIONS = (
    ("wagtailadmin", "access_admin"),
    ("discussion", "view_comment"),
    ("discussion", "change_comment"),
    ("moderation", "view_ban"),
    ("moderation", "add_ban"),
    ("moderation", "change_ban"),
    ("moderation", "view_moderationdecision"),
    ("moderation", "view_moderationrule"),
    ("moderation", "add_moderationrule"),
    ("moderation", "change_moderationrule"),
    ("moderation", "delete_moderationrule"),
    ("moderation", "view_scorerthreshold"),
    ("moderation", "add_scorerthreshold"),
    ("moderation", "change_scorerthreshold"),
    ("moderation", "delete_scorerthreshold"),
)


def has_permission(user, permission: str) -> bool:
    """Whether `user` is an active account holding `permission`."""
    return bool(user is not None and user.is_active and user.has_perm(permission))


def can_moderate(user) -> bool:
    """Whether `user` may approve, reject, mark as spam and edit comments."""
    return has_permission(user, MODERATE_COMMENTS)


def require(user, permission: str) -> None:
    """Raise PermissionDenied unless `user` holds `permission`."""
    if not has_permission(user, permission):
        raise PermissionDenied(f"{permission} is required.")


class RestrictedPermissionPolicy(ModelPermissionPolicy):
    """A Wagtail permission policy allowing only some actions, to holders of the matching
    Django permissions: comments are never added or deleted in the admin, bans are lifted
    rather than edited or deleted, and the moderation log is read-only."""

    def __init__(self, model, allowed: set[str]):
        super().__init__(model)
        self.allowed = frozenset(allowed)

    def user_has_permission(self, user, action):
        return action in self.allowed and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        actions = [action for action in actions if action in self.allowed]
        if not actions:
            return get_user_model().objects.none()
        return super().users_with_any_permission(actions)
