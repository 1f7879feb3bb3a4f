from django.apps import AppConfig
from django.core.signals import setting_changed


class PhotosConfig(AppConfig):
    name = "newsdesk.photos"
    verbose_name = "Photos"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from newsdesk.photos import checks, limits

        limits.apply_to_pillow()
        setting_changed.connect(limits.reapply_on_change, dispatch_uid="photos-pixel-limit")
        checks.register()
