from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "newsdesk.articles"
    verbose_name = "Stories"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Purge cached pages when a story or a tag changes (docs/apps/delivery.md)."""
        from django.db.models.signals import post_delete, post_save
        from taggit.models import Tag
        from wagtail.signals import published, unpublished

        from newsdesk.articles import cache_keys
        from newsdesk.articles.models import Article

        published.connect(cache_keys.purge_story, sender=Article, dispatch_uid="story-published")
        unpublished.connect(
            cache_keys.purge_story, sender=Article, dispatch_uid="story-unpublished"
        )
        post_delete.connect(cache_keys.purge_story, sender=Article, dispatch_uid="story-deleted")
        post_save.connect(cache_keys.purge_story_saved, sender=Article, dispatch_uid="story-saved")
        for signal in (post_save, post_delete):
            signal.connect(cache_keys.purge_tag, sender=Tag, dispatch_uid=f"story-tag-{id(signal)}")
