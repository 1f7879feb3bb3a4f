from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "newsdesk.api"
    label = "newsdesk_api"
    verbose_name = "Content API"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Purge the API's lists when what they list changes (docs/apps/api.md, "Caching")."""
        from django.db.models.signals import post_delete, post_save
        from taggit.models import Tag
        from wagtail.signals import published, unpublished

        from newsdesk.api import cache_keys
        from newsdesk.articles.models import Article
        from newsdesk.bylines.models import Agency, Author

        published.connect(cache_keys.purge_story_lists, sender=Article, dispatch_uid="api-pub")
        unpublished.connect(cache_keys.purge_story_lists, sender=Article, dispatch_uid="api-unpub")
        post_delete.connect(cache_keys.purge_story_lists, sender=Article, dispatch_uid="api-del")
        post_save.connect(cache_keys.purge_story_lists_saved, sender=Article, dispatch_uid="api-save")
        for signal in (post_save, post_delete):
            for model in (Author, Agency, Tag):
                signal.connect(
                    cache_keys.purge_list_of,
                    sender=model,
                    dispatch_uid=f"api-{model.__name__}-{id(signal)}",
                )
