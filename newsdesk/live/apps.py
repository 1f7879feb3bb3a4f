from django.apps import AppConfig


class LiveConfig(AppConfig):
    name = "newsdesk.live"
    verbose_name = "Live coverage"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Purge a coverage's feeds and updates when its story is published or unpublished."""
        from wagtail.signals import published, unpublished

        from newsdesk.articles.models import Article
        from newsdesk.live import cache_keys

        for signal, name in ((published, "published"), (unpublished, "unpublished")):
            signal.connect(
                cache_keys.purge_story_coverage, sender=Article, dispatch_uid=f"live-story-{name}"
            )
