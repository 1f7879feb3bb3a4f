"""A site's own moderation as training data: what its moderators approved and rejected."""

from newsdesk.discussion.models import Comment
from newsdesk.moderation.abuse_model.training import LabelledComment
from newsdesk.moderation.thresholds import scoring_language


def moderated_comments() -> list[LabelledComment]:
    """Comments a moderator decided: rejected ones as abusive (1), approved ones as acceptable (0).

    Spam is left out (it is not abuse), and so are comments no moderator has looked at: an
    automatic approval is the model's own opinion, not a new label.
    """
    decided = (
        Comment.objects.filter(
            moderated_by__isnull=False,
            status__in=[Comment.Status.APPROVED, Comment.Status.REJECTED],
        )
        .order_by("pk")
        .values_list("text", "status", "language")
    )
    return [
        LabelledComment(
            text=text,
            label=int(status == Comment.Status.REJECTED),
            language=scoring_language(text, language),
        )
        for text, status, language in decided.iterator()
    ]
