from django.apps import AppConfig
from django.core.signals import setting_changed


class PhotosConfig(AppConfig):
    name = "newsdesk.photos"
    verbose_name = "Photos"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from newsdesk.photos import cache_keys, checks, limits
        from newsdesk.photos.models import Photo

        limits.apply_to_pillow()
        setting_changed.connect(limits.reapply_on_change, dispatch_uid="photos-pixel-limit")
        checks.register()
        # Purge cached pages (and page fragments) showing a photo when it changes.
        for signal in (post_save, post_delete):
            signal.connect(cache_keys.purge_photo, sender=Photo, dispatch_uid=f"photo-{id(signal)}")
