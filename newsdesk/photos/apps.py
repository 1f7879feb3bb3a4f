from django.apps import AppConfig


class PhotosConfig(AppConfig):
    name = "newsdesk.photos"
    verbose_name = "Photos"
    default_auto_field = "django.db.models.BigAutoField"
