from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "newsdesk.demo"
    verbose_name = "Demo content"
    default_auto_field = "django.db.models.BigAutoField"
