from django.apps import AppConfig


class SectionsConfig(AppConfig):
    name = "newsdesk.sections"
    verbose_name = "Sections"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Site
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from newsdesk.sections import cache_keys
        from newsdesk.sections.services import forget_navigation

        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(forget_navigation, dispatch_uid=f"newsdesk-navigation-{signal!r}")
            signal.connect(cache_keys.purge_page, dispatch_uid=f"newsdesk-purge-page-{signal!r}")
        post_delete.connect(cache_keys.purge_page, dispatch_uid="newsdesk-purge-page-deleted")
        post_delete.connect(forget_navigation, dispatch_uid="newsdesk-navigation-deleted")
        for signal in (post_save, post_delete):
            signal.connect(cache_keys.purge_site, sender=Site, dispatch_uid=f"site-{id(signal)}")
            signal.connect(forget_navigation, sender=Site, dispatch_uid=f"site-nav-{id(signal)}")
