"""The editions' admin: marking a translation up to date, and its log entry."""

from django.contrib.admin.utils import quote
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus import MenuItem
from wagtail.models import TranslatableMixin

from newsdesk.editions import views


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        path(
            "mark-current/<slug:app_label>/<slug:model_name>/<str:pk>/",
            views.mark_current,
            name="mark_current",
        )
    ]
    return [path("editions/", include((urls, "newsdesk_editions"), namespace="newsdesk_editions"))]


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(
        "newsdesk.translation_current",
        _("Marked up to date with its source"),
        _("Marked up to date with its source"),
    )


@hooks.register("register_snippet_listing_buttons")
def translate_button(snippet, user, next_url=None):
    """Translate, in the menu of each translatable snippet in a list: without a query per row
    (the form it opens lists the editions still missing)."""
    if isinstance(snippet, TranslatableMixin) and user.has_perm(
        "simple_translation.submit_translation"
    ):
        meta = type(snippet)._meta
        url = reverse(
            "simple_translation:submit_snippet_translation",
            args=[meta.app_label, meta.model_name, quote(snippet.pk)],
        )
        yield MenuItem(_("Translate"), url, icon_name="globe", priority=100)
