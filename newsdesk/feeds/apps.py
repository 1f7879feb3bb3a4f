from django.apps import AppConfig


class FeedsConfig(AppConfig):
    name = "newsdesk.feeds"
    verbose_name = "Feeds and sitemaps"
    default_auto_field = "django.db.models.BigAutoField"
