from django.apps import AppConfig
from django.core.signals import setting_changed


class DeliveryConfig(AppConfig):
    name = "newsdesk.delivery"
    verbose_name = "Delivery"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from newsdesk.delivery import pagecache

        setting_changed.connect(pagecache.forget_settings, dispatch_uid="delivery-key-rules")
