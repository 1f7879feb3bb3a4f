from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditionsConfig(AppConfig):
    name = "newsdesk.editions"
    verbose_name = _("Language editions")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from wagtail.signals import copy_for_translation_done

        from newsdesk.editions import services

        copy_for_translation_done.connect(
            services.prepare_copy, dispatch_uid="newsdesk.editions.prepare_copy"
        )
        _replace_snippet_translate_button()


def _replace_snippet_translate_button() -> None:
    """Take simple_translation's Translate button out of snippet lists (wagtail_hooks.py has
    ours): it asks the database, for every row, whether a locale is still untranslated, so the
    story list cost one more query per story."""
    from wagtail import hooks
    from wagtail.contrib.simple_translation import wagtail_hooks as simple_translation_hooks

    name = "register_snippet_listing_buttons"
    hooks._hooks[name] = [  # Wagtail has no way to unregister a hook
        (fn, order)
        for fn, order in hooks._hooks.get(name, [])
        if fn is not simple_translation_hooks.register_snippet_listing_buttons
    ]
