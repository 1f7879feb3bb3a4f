from django.apps import AppConfig


class DiscussionConfig(AppConfig):
    name = "newsdesk.discussion"
    verbose_name = "Discussion"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Connect the discussion's receivers: reply emails, cache freshness, policy cache."""
        from django.db.models.signals import post_delete, post_save

        from newsdesk.discussion import caching, checks, notifications, services
        from newsdesk.discussion.models import Comment, CommentPolicy, DiscussionSettings
        from newsdesk.discussion.signals import comment_published, comment_withdrawn

        comment_published.connect(
            notifications.notify_parent_author, dispatch_uid="discussion-reply-email"
        )
        comment_published.connect(caching.on_comment_changed, dispatch_uid="discussion-cache-pub")
        comment_withdrawn.connect(caching.on_comment_changed, dispatch_uid="discussion-cache-wd")
        post_save.connect(caching.on_comment_saved, sender=Comment, dispatch_uid="discussion-cs")
        post_delete.connect(
            caching.on_comment_deleted, sender=Comment, dispatch_uid="discussion-cd"
        )
        for signal in (post_save, post_delete):
            signal.connect(
                services.forget_comment_policies,
                sender=CommentPolicy,
                dispatch_uid=f"discussion-policy-{id(signal)}",
            )
        post_save.connect(
            services.forget_discussion_settings,
            sender=DiscussionSettings,
            dispatch_uid="discussion-settings-purge",
        )
        checks.register()
