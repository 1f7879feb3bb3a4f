from django.apps import AppConfig


class RateLimitsConfig(AppConfig):
    name = "newsdesk.rate_limits"
    verbose_name = "Rate limits"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from newsdesk.rate_limits import checks

        checks.register()
