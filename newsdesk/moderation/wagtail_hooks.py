"""The Moderation menu, its bulk actions, the log's CSV address and the commenter data export in
the Wagtail admin."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from newsdesk.moderation import views
from newsdesk.moderation.bulk_actions import ApproveBulkAction, RejectBulkAction, SpamBulkAction
from newsdesk.moderation.roles import EXPORT_COMMENTER_DATA, has_permission
from newsdesk.moderation.viewsets import ModerationViewSetGroup

register_snippet(ModerationViewSetGroup)

for bulk_action in (ApproveBulkAction, RejectBulkAction, SpamBulkAction):
    hooks.register("register_bulk_action", bulk_action)


@hooks.register("register_admin_urls")
def moderation_admin_urls():
    return [
        path("moderation/log.csv", views.log_csv, name="moderation_log_csv"),
        path(
            "moderation/commenter-data/",
            views.export_commenter_data,
            name="moderation_commenter_data",
        ),
    ]


class CommenterDataMenuItem(MenuItem):
    def is_shown(self, request):
        return has_permission(request.user, EXPORT_COMMENTER_DATA)


@hooks.register("register_settings_menu_item")
def commenter_data_menu_item():
    return CommenterDataMenuItem(
        _("Commenter data"),
        reverse("moderation_commenter_data"),
        icon_name="download",
        order=900,
    )
