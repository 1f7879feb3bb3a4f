from django.apps import AppConfig


class ImportsConfig(AppConfig):
    """Moving in: a WordPress archive and its Disqus or WordPress comments brought into Newsdesk."""

    name = "newsdesk.imports"
    verbose_name = "Imports"
    default_auto_field = "django.db.models.BigAutoField"
