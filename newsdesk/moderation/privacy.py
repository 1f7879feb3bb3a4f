"""What is kept about commenters, for how long, and how one commenter gets it exported or erased.

IP addresses are truncated (IPv4 to /24, IPv6 to /48) or dropped once older than
NEWSDESK_COMMENT_IP_RETENTION_DAYS. A commenter's data is found by email address.
"""

import copy
import ipaddress
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from newsdesk.discussion.models import Comment, CommentEdit
from newsdesk.discussion.signals import comment_withdrawn
from newsdesk.moderation.audit import record_decision
from newsdesk.moderation.models import Ban, ModerationDecision
from newsdesk.moderation.services import announce

TRUNCATE, DROP = "truncate", "drop"
#: Stored instead of an erased commenter's email address (the field cannot be empty).
ERASED_EMAIL = "erased@commenter.invalid"


def truncate_ip(address: str) -> str:
    """`address` with its host part zeroed: IPv4 to its /24 network, IPv6 to its /48."""
    ip = ipaddress.ip_address(address)
    prefix = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False).network_address)


def network_of(address: str) -> str:
    """The network `truncate_ip` keeps of `address`, written as a range ("203.0.113.0/24")."""
    ip = ipaddress.ip_address(address)
    return f"{truncate_ip(address)}/{24 if ip.version == 4 else 48}"


def purge_comment_ips(now: datetime | None = None, days: int | None = None, action=None) -> int:
    """Truncate or drop the IP addresses of comments older than the retention period.

    Callable from a periodic job; returns how many comments changed. Running it again changes
    nothing more.
    """
    now = now or timezone.now()
    days = settings.NEWSDESK_COMMENT_IP_RETENTION_DAYS if days is None else days
    action = action or settings.NEWSDESK_COMMENT_IP_ACTION
    old = Comment.objects.filter(submitted_at__lt=now - timedelta(days=days)).exclude(
        ip_address__isnull=True
    )
    if action == DROP:
        return old.update(ip_address=None)
    if action != TRUNCATE:
        raise ImproperlyConfigured(
            f"NEWSDESK_COMMENT_IP_ACTION must be {TRUNCATE!r} or {DROP!r}, not {action!r}."
        )
    changed = 0
    with transaction.atomic():
        for address in old.values_list("ip_address", flat=True).distinct().order_by():
            truncated = truncate_ip(address)
            if truncated != address:
                changed += old.filter(ip_address=address).update(ip_address=truncated)
    return changed


def _by_email(email: str) -> Q:
    return Q(author_email__iexact=email.strip())


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def commenter_data(email: str) -> dict:
    """Everything stored about the commenter with `email`, ready for JSON."""
    comments = list(
        Comment.objects.filter(_by_email(email)).select_related("story").order_by("submitted_at")
    )
    ids = [c.pk for c in comments]
    bans = Ban.objects.filter(email__iexact=email.strip()).order_by("created_at")
    decisions = ModerationDecision.objects.filter(Q(comment_id__in=ids) | Q(ban__in=bans)).order_by(
        "decided_at", "pk"
    )
    return {
        "email": email.strip(),
        "exported_at": timezone.now().isoformat(),
        "comments": [
            {
                "id": c.pk,
                "story": c.story.headline,
                "story_id": c.story_id,
                "in_reply_to": c.parent_id,
                "name": c.author_name,
                "email": c.author_email,
                "text": c.text,
                "status": c.status,
                "submitted_at": _iso(c.submitted_at),
                "edited_at": _iso(c.edited_at),
                "moderated_at": _iso(c.moderated_at),
                "ip_address": c.ip_address,
                "user_agent": c.user_agent,
                "notify_on_reply": c.notify_on_reply,
                "moderation_reasons": c.moderation_reasons,
            }
            for c in comments
        ],
        "comment_edits": [
            {
                "comment_id": edit.comment_id,
                "edited_at": _iso(edit.edited_at),
                "name_before": edit.name_before,
                "name_after": edit.name_after,
                "text_before": edit.text_before,
                "text_after": edit.text_after,
            }
            for edit in CommentEdit.objects.filter(comment_id__in=ids).order_by("edited_at", "pk")
        ],
        "bans": [
            {
                "email": ban.email,
                "ip_network": ban.ip_network,
                "action": ban.action,
                "reason": ban.reason,
                "created_at": _iso(ban.created_at),
                "expires_at": _iso(ban.expires_at),
            }
            for ban in bans
        ],
        "moderation_log": [
            {
                "decided_at": _iso(d.decided_at),
                "action": d.action,
                "automatic": d.automatic,
                "comment_id": d.comment_id,
                "reasons": d.reasons,
                "note": d.note,
            }
            for d in decisions
        ],
        "reactions": _("Reactions to stories are anonymous: none is linked to an email address."),
    }


@dataclass(frozen=True)
class Erasure:
    """What erasing one commenter's data did."""

    anonymised: int
    deleted: int
    bans_kept: int


def erase_commenter_data(email: str) -> Erasure:
    """Erase the commenter with `email`: delete their comments, or anonymise those with replies.

    An anonymised comment keeps its place in the thread with the name "Deleted commenter" and
    the text "[removed at the commenter's request]". Edits are deleted; each comment gets an
    ERASED audit line. Bans are kept, so erasure is not a way around a ban.
    """
    anonymised = deleted = 0
    with transaction.atomic():
        # Deepest first, so a comment whose only replies are also erased is deleted too.
        comments = Comment.objects.filter(_by_email(email)).order_by("-depth", "-pk")
        for comment in comments:
            was_published = comment.status == Comment.Status.APPROVED
            if Comment.objects.filter(parent_id=comment.pk).exists():
                comment.author_name = _("Deleted commenter")
                comment.author_email = ERASED_EMAIL
                comment.text = _("[removed at the commenter's request]")
                comment.ip_address = None
                comment.user_agent = ""
                comment.user = None
                comment.notify_on_reply = False
                comment.save()
                CommentEdit.objects.filter(comment=comment).delete()
                record_decision(comment, ModerationDecision.Action.ERASED)
                anonymised += 1
                if was_published:
                    announce(comment_withdrawn, comment=comment)
            else:
                record_decision(None, ModerationDecision.Action.ERASED, story_id=comment.story_id)
                if was_published:  # a copy keeps the id that delete() clears
                    announce(comment_withdrawn, comment=copy.copy(comment))
                comment.delete()
                deleted += 1
        bans_kept = Ban.objects.filter(email__iexact=email.strip()).count()
    return Erasure(anonymised=anonymised, deleted=deleted, bans_kept=bans_kept)
