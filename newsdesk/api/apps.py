from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "newsdesk.api"
    label = "newsdesk_api"
    verbose_name = "Content API"
    default_auto_field = "django.db.models.BigAutoField"
