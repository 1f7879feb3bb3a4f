from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "newsdesk.outbox"
    verbose_name = "Outbox"

    def ready(self) -> None:
        from newsdesk.outbox import checks

        checks.register()
