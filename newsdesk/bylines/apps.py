from django.apps import AppConfig


class BylinesConfig(AppConfig):
    name = "newsdesk.bylines"
    verbose_name = "Bylines"
    default_auto_field = "django.db.models.BigAutoField"
