from django.apps import AppConfig


class LocalisationConfig(AppConfig):
    """Dates, digits and text direction for whatever language is active."""

    name = "newsdesk.localisation"
    verbose_name = "Localisation"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the system checks)
