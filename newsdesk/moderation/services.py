"""Moderators' decisions on comments and commenters.

Each function checks permission, changes the data, writes the audit log and sends its signal, so
the admin's buttons, its bulk actions and any other caller share one code path. Signals are sent
once the transaction commits, so receivers (cache purges, reply emails) see the stored change.
"""

import unicodedata
from collections.abc import Iterable
from datetime import datetime
from functools import partial

from django.db import transaction
from django.utils import timezone

from newsdesk.discussion.models import Comment, CommentEdit
from newsdesk.discussion.signals import comment_published, comment_withdrawn
from newsdesk.moderation.audit import record_decision
from newsdesk.moderation.models import Ban, ModerationDecision
from newsdesk.moderation.roles import BAN_COMMENTERS, LIFT_BANS, MODERATE_COMMENTS, require
from newsdesk.moderation.signals import comment_edited

APPROVE, REJECT, SPAM = "approve", "reject", "spam"

#: What each decision does: the comment's new status and the audit log's action.
DECISIONS = {
    APPROVE: (Comment.Status.APPROVED, ModerationDecision.Action.APPROVED),
    REJECT: (Comment.Status.REJECTED, ModerationDecision.Action.REJECTED),
    SPAM: (Comment.Status.SPAM, ModerationDecision.Action.SPAM),
}


def announce(signal, **kwargs) -> None:
    """Send `signal` (sender Comment) once the current transaction commits."""
    transaction.on_commit(partial(signal.send, sender=Comment, **kwargs))


def _locked(comment: Comment) -> Comment:
    """The comment as stored now, locked until the transaction ends (PostgreSQL)."""
    return Comment.objects.select_for_update().get(pk=comment.pk)


def moderate_comment(actor, comment: Comment, decision: str, note: str = "") -> bool:
    """Approve, reject or mark `comment` as spam; False when it already had that status.

    Readers see an approved comment (comment_published) and stop seeing one that was approved
    and is now rejected or spam (comment_withdrawn).
    """
    require(actor, MODERATE_COMMENTS)
    status, action = DECISIONS[decision]
    with transaction.atomic():
        current = _locked(comment)
        if current.status == status:
            return False
        was_published = current.status == Comment.Status.APPROVED
        current.status = status
        current.moderated_at = timezone.now()
        current.moderated_by = actor
        current.save(update_fields=["status", "moderated_at", "moderated_by"])
        record_decision(current, action, actor=actor, note=note)
    comment.status, comment.moderated_at, comment.moderated_by = (
        current.status,
        current.moderated_at,
        actor,
    )
    if status == Comment.Status.APPROVED:
        announce(comment_published, comment=comment)
    elif was_published:
        announce(comment_withdrawn, comment=comment)
    return True


def approve_comment(actor, comment: Comment, note: str = "") -> bool:
    """Publish `comment` to readers."""
    return moderate_comment(actor, comment, APPROVE, note)


def reject_comment(actor, comment: Comment, note: str = "") -> bool:
    """Reject `comment`: readers do not see it."""
    return moderate_comment(actor, comment, REJECT, note)


def mark_spam(actor, comment: Comment, note: str = "") -> bool:
    """Mark `comment` as spam: readers do not see it and the queue files it apart."""
    return moderate_comment(actor, comment, SPAM, note)


def moderate_comments(actor, comments: Iterable[Comment], decision: str, note: str = "") -> int:
    """Apply one decision to many comments at once; returns how many changed status."""
    require(actor, MODERATE_COMMENTS)
    return sum(moderate_comment(actor, comment, decision, note) for comment in comments)


def normalise_comment_text(text: str) -> str:
    """Line breaks as one character and NFC, as the discussion app counts and stores them."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def edit_comment(
    actor, comment: Comment, *, author_name: str, text: str, note: str = ""
) -> CommentEdit | None:
    """Change a comment's name and text, recording who, when, before and after.

    Returns None when nothing changed. The comment keeps its status.
    """
    require(actor, MODERATE_COMMENTS)
    author_name = author_name.strip()
    text = normalise_comment_text(text)
    with transaction.atomic():
        current = _locked(comment)
        if current.author_name == author_name and current.text == text:
            return None
        now = timezone.now()
        edit = CommentEdit.objects.create(
            comment=current,
            editor=actor,
            edited_at=now,
            name_before=current.author_name,
            name_after=author_name,
            text_before=current.text,
            text_after=text,
        )
        current.author_name, current.text, current.edited_at = author_name, text, now
        current.save(update_fields=["author_name", "text", "edited_at"])
        record_decision(current, ModerationDecision.Action.EDITED, actor=actor, note=note)
    comment.author_name, comment.text, comment.edited_at = author_name, text, now
    announce(comment_edited, comment=comment, edit=edit)
    return edit


def ban_commenter(
    actor,
    *,
    email: str = "",
    ip_network: str = "",
    action: str = Ban.Action.HOLD,
    reason: str = "",
    expires_at: datetime | None = None,
    comment: Comment | None = None,
) -> Ban:
    """Ban a commenter by email, IP address or range: their new comments are held or dropped.

    Raises ValidationError when neither an email nor a valid address or range is given. The
    audit line carries the moderator's reason but not the email or address.
    """
    require(actor, BAN_COMMENTERS)
    ban = Ban(
        email=email.strip().lower(),
        ip_network=ip_network.strip(),
        action=action,
        reason=reason,
        expires_at=expires_at,
        comment=comment,
        created_by=actor,
    )
    ban.full_clean()
    with transaction.atomic():
        ban.save()
        record_decision(
            comment,
            ModerationDecision.Action.BANNED,
            actor=actor,
            note=reason,
            ban=ban,
        )
    return ban


def lift_ban(actor, ban: Ban, note: str = "") -> bool:
    """End `ban` now, keeping its record; False when it had already ended."""
    require(actor, LIFT_BANS)
    now = timezone.now()
    with transaction.atomic():
        current = Ban.objects.select_for_update().get(pk=ban.pk)
        if not current.is_active(now):
            return False
        current.expires_at = now
        current.save(update_fields=["expires_at"])
        record_decision(
            current.comment,
            ModerationDecision.Action.UNBANNED,
            actor=actor,
            note=note,
            ban=current,
        )
    ban.expires_at = now
    return True
