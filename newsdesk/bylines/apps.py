from django.apps import AppConfig


class BylinesConfig(AppConfig):
    name = "newsdesk.bylines"
    verbose_name = "Bylines"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Purge cached pages when an author or an agency changes (docs/apps/delivery.md)."""
        from django.db.models.signals import post_delete, post_save

        from newsdesk.bylines import cache_keys
        from newsdesk.bylines.models import Agency, Author

        for signal in (post_save, post_delete):
            signal.connect(
                cache_keys.purge_author, sender=Author, dispatch_uid=f"author-{id(signal)}"
            )
            signal.connect(
                cache_keys.purge_agency, sender=Agency, dispatch_uid=f"agency-{id(signal)}"
            )
