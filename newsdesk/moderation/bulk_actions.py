"""Approve, reject or mark as spam many comments at once from the queue's checkboxes."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from newsdesk.discussion.models import Comment
from newsdesk.moderation import services
from newsdesk.moderation.roles import can_moderate


class CommentBulkAction(SnippetBulkAction):
    """One moderation decision applied through services.moderate_comments."""

    models = [Comment]
    decision = ""
    template_name = "moderation/bulk_actions/confirm_bulk_moderate.html"

    @staticmethod
    def done_message(count: int) -> str:
        raise NotImplementedError

    def check_perm(self, obj):
        return can_moderate(self.request.user)

    def get_all_objects_in_listing_query(self, parent_id):
        # "Select all" acts on the queue's default view, the pending comments, never on
        # every comment ever posted.
        return Comment.objects.filter(status=Comment.Status.PENDING).values_list("pk", flat=True)

    def get_execution_context(self):
        return {**super().get_execution_context(), "user": self.request.user}

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        return services.moderate_comments(user, objects, cls.decision), 0

    def get_context_data(self, **kwargs):
        return super().get_context_data(action_label=self.display_name, **kwargs)

    def get_success_message(self, num_parent_objects, num_child_objects):
        return self.done_message(num_parent_objects) % {"count": num_parent_objects}


class ApproveBulkAction(CommentBulkAction):
    display_name = _("Approve")
    action_type = "approve"
    aria_label = _("Approve the selected comments")
    decision = services.APPROVE
    action_priority = 10

    @staticmethod
    def done_message(count: int) -> str:
        return ngettext("%(count)d comment approved.", "%(count)d comments approved.", count)


class RejectBulkAction(CommentBulkAction):
    display_name = _("Reject")
    action_type = "reject"
    aria_label = _("Reject the selected comments")
    decision = services.REJECT
    action_priority = 20

    @staticmethod
    def done_message(count: int) -> str:
        return ngettext("%(count)d comment rejected.", "%(count)d comments rejected.", count)


class SpamBulkAction(CommentBulkAction):
    display_name = _("Mark as spam")
    action_type = "spam"
    aria_label = _("Mark the selected comments as spam")
    decision = services.SPAM
    action_priority = 30

    @staticmethod
    def done_message(count: int) -> str:
        return ngettext(
            "%(count)d comment marked as spam.", "%(count)d comments marked as spam.", count
        )
