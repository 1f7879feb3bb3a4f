from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "newsdesk.articles"
    verbose_name = "Stories"
    default_auto_field = "django.db.models.BigAutoField"
