from django.apps import AppConfig


class SectionsConfig(AppConfig):
    name = "newsdesk.sections"
    verbose_name = "Sections"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from newsdesk.sections.services import forget_navigation

        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(forget_navigation, dispatch_uid=f"newsdesk-navigation-{signal!r}")
