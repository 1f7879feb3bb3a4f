from django.apps import AppConfig


class ReactionsConfig(AppConfig):
    name = "newsdesk.reactions"
    verbose_name = "Reactions"
    default_auto_field = "django.db.models.BigAutoField"
