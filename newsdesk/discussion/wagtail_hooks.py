"""The comment policy in the Wagtail admin: editors write it once per language."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from newsdesk.discussion.models import CommentPolicy


class CommentPolicyViewSet(SnippetViewSet):
    model = CommentPolicy
    icon = "comment"
    menu_label = _("Comment policy")
    menu_name = "comment-policy"
    menu_order = 300
    add_to_settings_menu = True
    list_display = ["language", "summary", "updated_at"]
    copy_view_enabled = False


register_snippet(CommentPolicyViewSet)
