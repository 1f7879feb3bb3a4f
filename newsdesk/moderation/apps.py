from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "newsdesk.moderation"
    verbose_name = "Moderation"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Wagtail needs permission policies registered before any admin view asks for them.
        from wagtail.permissions import register_permission_policy

        from newsdesk.discussion.models import Comment
        from newsdesk.moderation.models import Ban, ModerationDecision
        from newsdesk.moderation.roles import RestrictedPermissionPolicy

        register_permission_policy(Comment, RestrictedPermissionPolicy(Comment, {"view", "change"}))
        register_permission_policy(Ban, RestrictedPermissionPolicy(Ban, {"view", "add"}))
        register_permission_policy(
            ModerationDecision, RestrictedPermissionPolicy(ModerationDecision, {"view"})
        )
