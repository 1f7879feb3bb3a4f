"""The Moderation menu, its bulk actions and the log's CSV address in the Wagtail admin."""

from django.urls import path
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from newsdesk.moderation import views
from newsdesk.moderation.bulk_actions import ApproveBulkAction, RejectBulkAction, SpamBulkAction
from newsdesk.moderation.viewsets import ModerationViewSetGroup

register_snippet(ModerationViewSetGroup)

for bulk_action in (ApproveBulkAction, RejectBulkAction, SpamBulkAction):
    hooks.register("register_bulk_action", bulk_action)


@hooks.register("register_admin_urls")
def moderation_admin_urls():
    return [path("moderation/log.csv", views.log_csv, name="moderation_log_csv")]
