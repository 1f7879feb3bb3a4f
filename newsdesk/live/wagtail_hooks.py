"""Live coverage in the Wagtail admin (the Live desk menu, the composer, log actions) and on
the story page (the `newsdesk_story_page` hook of articles.views.story)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from newsdesk.live import admin_views, roles, views

hooks.register("newsdesk_story_page", views.story_page)


@hooks.register("register_admin_urls")
def live_admin_urls():
    return [
        path("live/", admin_views.index, name="live_index"),
        path("live/<int:coverage_id>/", admin_views.composer, name="live_composer"),
        path("live/<int:coverage_id>/status/", admin_views.set_status, name="live_status"),
        path("live/<int:coverage_id>/quote/", admin_views.quote_comment, name="live_quote"),
        path("live/entry/<int:entry_id>/", admin_views.edit_entry, name="live_edit_entry"),
        path("live/entry/<int:entry_id>/post/", admin_views.post_entry, name="live_post_entry"),
        path(
            "live/entry/<int:entry_id>/withdraw/",
            admin_views.withdraw_entry,
            name="live_withdraw_entry",
        ),
        path("live/entry/<int:entry_id>/break-out/", admin_views.break_out, name="live_break_out"),
    ]


class LiveMenuItem(MenuItem):
    def is_shown(self, request):
        return roles.can_write(request.user)


@hooks.register("register_admin_menu_item")
def live_menu_item():
    return LiveMenuItem(_("Live coverage"), reverse("live_index"), icon_name="pick", order=210)


@hooks.register("register_log_actions")
def live_log_actions(actions):
    for action, label in (
        ("newsdesk_live.start", _("Start live coverage")),
        ("newsdesk_live.live", _("Resume live coverage")),
        ("newsdesk_live.paused", _("Pause live coverage")),
        ("newsdesk_live.ended", _("End live coverage")),
        ("newsdesk_live.draft", _("Write a live entry draft")),
        ("newsdesk_live.scheduled", _("Schedule a live entry")),
        ("newsdesk_live.posted", _("Post a live entry")),
        ("newsdesk_live.edit", _("Edit a live entry draft")),
        ("newsdesk_live.correct", _("Correct a live entry")),
        ("newsdesk_live.withdraw", _("Withdraw a live entry")),
        ("newsdesk_live.break_out", _("Break a live entry out into a story")),
    ):
        actions.register_action(action, label, label)
