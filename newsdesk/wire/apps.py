from django.apps import AppConfig


class WireConfig(AppConfig):
    name = "newsdesk.wire"
    verbose_name = "Wire"
    default_auto_field = "django.db.models.BigAutoField"
