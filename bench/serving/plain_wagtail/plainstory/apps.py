from django.apps import AppConfig


class PlainStoryConfig(AppConfig):
    name = "plain_wagtail.plainstory"
    label = "plainstory"
    default_auto_field = "django.db.models.BigAutoField"
