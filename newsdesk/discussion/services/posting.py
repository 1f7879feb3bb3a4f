"""Posting a comment, and what its author is told about it."""

import random
import time
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from django.conf import settings
from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone
from django.utils.translation import get_language, gettext, gettext_noop

from newsdesk.articles.models import Article, DiscussionMode
from newsdesk.discussion import text as comment_text
from newsdesk.discussion.models import Comment, DiscussionSettings
from newsdesk.discussion.services.limits import take_comment_slots
from newsdesk.discussion.services.modes import (
    discussion_mode,
    discussion_settings,
    is_trusted_commenter,
)
from newsdesk.discussion.signals import comment_published
from newsdesk.discussion.tokens import FormToken
from newsdesk.moderation import pipeline
from newsdesk.moderation.audit import record_decision
from newsdesk.moderation.models import ModerationDecision
from newsdesk.moderation.verdicts import Action, Submission

STORE_ATTEMPTS = 5
CLOSED_CHECK = "discussion_closed"
# Stored in English like every check's reason, translated when shown to the reader.
CLOSED_REASON = gettext_noop("Comments are closed on this story.")


@dataclass(frozen=True)
class Outcome:
    """What the reader is told about their comment, in the words of the comment policy."""

    PUBLISHED = "published"
    HELD = "held"
    REFUSED = "refused"

    kind: str
    message: str
    reasons: tuple[str, ...] = ()

    @property
    def published(self) -> bool:
        return self.kind == self.PUBLISHED

    @property
    def refused(self) -> bool:
        return self.kind == self.REFUSED


@dataclass(frozen=True)
class Posted:
    """A posted comment as stored, what its author is told, and whether it was a resubmission."""

    comment: Comment
    outcome: Outcome
    duplicate: bool = False


def _reasons_with(comment: Comment, action: str) -> tuple[str, ...]:
    """The reasons with `action` that the reader may be told (never bans or spam traps)."""
    return tuple(
        dict.fromkeys(
            gettext(reason["reason"])
            for reason in comment.moderation_reasons or []
            if reason.get("action") == action
            and reason.get("reason")
            and reason.get("public", True)
        )
    )


def reader_outcome(comment: Comment) -> Outcome:
    """What to tell the author of `comment` about it.

    Spam and comments of banned commenters read like any comment awaiting a moderator, so that
    neither learns how they were judged.
    """
    if comment.status == Comment.Status.APPROVED:
        return Outcome(Outcome.PUBLISHED, gettext("Your comment is published. Thank you."))
    refused = _reasons_with(comment, "reject")
    if comment.status == Comment.Status.REJECTED and refused:
        return Outcome(
            Outcome.REFUSED,
            gettext("Your comment was not published because it goes against our comment policy:"),
            refused,
        )
    if comment.status == Comment.Status.PENDING and (held := _reasons_with(comment, "hold")):
        return Outcome(
            Outcome.HELD,
            gettext("Your comment is waiting for a moderator, who will read it first, because:"),
            held,
        )
    if comment.status == Comment.Status.REJECTED and comment.moderated_by_id is not None:
        return Outcome(
            Outcome.REFUSED,
            gettext("A moderator decided not to publish your comment under our comment policy."),
        )
    return Outcome(
        Outcome.HELD,
        gettext("Your comment is waiting for a moderator, who will read it before it appears."),
    )


def _decision_for(review: pipeline.Review) -> str:
    if review.status == Comment.Status.APPROVED:
        return ModerationDecision.Action.APPROVED
    if review.status == Comment.Status.PENDING:
        return ModerationDecision.Action.HELD
    if review.status == Comment.Status.SPAM:
        return ModerationDecision.Action.SPAM
    if review.strongest == Action.DROP:
        return ModerationDecision.Action.DROPPED
    return ModerationDecision.Action.REJECTED


def _already_posted(key: UUID) -> Posted | None:
    comment = Comment.objects.filter(submission_key=key).first()
    if comment is None:
        return None
    return Posted(comment, reader_outcome(comment), duplicate=True)


def post_comment(
    story: Article,
    form_token: FormToken,
    *,
    author_name: str,
    author_email: str,
    text: str,
    parent: Comment | None = None,
    notify_on_reply: bool = False,
    honeypot: str = "",
    ip_address: str | None = None,
    user_agent: str = "",
    user=None,
    language: str = "",
    site_settings: DiscussionSettings | None = None,
    now: datetime | None = None,
) -> Posted:
    """Post a reader's comment on `story`: review it, store it, log it, announce it.

    Past a flood limit (per email, per IP address) `CommentLimited` is raised before anything
    is reviewed or stored; staff signed in to the admin are not limited. The moderation pipeline
    decides its status under the story's mode. A refused comment is
    stored too (rejected, for the audit trail) and the outcome says why. A form sent again
    (double click, replay) returns the stored comment's outcome instead of a second comment.
    `comment_published` is sent once the transaction commits, when the comment is approved.
    """
    now = now or timezone.now()
    text = comment_text.normalise(text).strip()
    author_email = author_email.strip().lower()
    key = form_token.submission_key(
        author_email=author_email,
        author_name=author_name,
        text=text,
        parent_id=parent.pk if parent else None,
    )
    if (already := _already_posted(key)) is not None:
        return already

    is_staff = bool(user is not None and user.is_authenticated and user.is_staff)
    if not is_staff:
        take_comment_slots(author_email, ip_address, now)
    site_settings = site_settings or discussion_settings()
    mode = discussion_mode(story, site_settings, now)
    submission = Submission(
        story_id=story.pk,
        text=text,
        author_name=author_name,
        author_email=author_email,
        ip_address=ip_address,
        user_agent=user_agent[:255],
        parent_id=parent.pk if parent else None,
        is_staff=is_staff,
        honeypot=honeypot,
        form_rendered_at=form_token.rendered_at,
        submitted_at=now,
        language=language or get_language() or settings.LANGUAGE_CODE,
        site_id=site_settings.site_id,
    )
    trusted = mode == DiscussionMode.PRE_MODERATED and is_trusted_commenter(
        author_email, site_settings.trusted_after_approved
    )
    review = pipeline.review(submission, mode, trusted=trusted)
    reasons = review.reasons()
    if review.refused and mode == DiscussionMode.CLOSED:
        reasons.append({"check": CLOSED_CHECK, "action": "reject", "reason": CLOSED_REASON})

    comment = Comment(
        story=story,
        parent=parent,
        author_name=author_name,
        author_email=author_email,
        user=user if is_staff else None,
        is_staff_comment=is_staff,
        text=text,
        status=review.status,
        moderation_reasons=reasons,
        moderation_score=review.score,
        ip_address=ip_address,
        user_agent=submission.user_agent,
        notify_on_reply=notify_on_reply,
        language=submission.language,
        submission_key=key,
        submitted_at=now,
    )
    try:
        _store(comment, _decision_for(review), reasons, review.model_version)
    except IntegrityError:
        # The same form, sent twice at the same moment: the other request stored it first.
        if (already := _already_posted(key)) is not None:
            return already
        raise
    if comment.status == Comment.Status.APPROVED:
        # robust: a failing receiver (a mail server, a proxy) must not turn a stored comment
        # into an error page that invites the reader to post it again.
        transaction.on_commit(
            lambda: comment_published.send(sender=Comment, comment=comment), robust=True
        )
    return Posted(comment, reader_outcome(comment))


def _store(comment: Comment, decision: str, reasons: list[dict], model_version: str = "") -> None:
    """Save `comment` with its two audit lines in one transaction, waiting out SQLite's lock.

    SQLite lets one writer in at a time and gives up after its busy timeout; in a burst of
    posts a writer can be unlucky several times in a row, and the comment would be lost.
    """
    for attempt in range(STORE_ATTEMPTS):
        try:
            with transaction.atomic():
                comment.save()
                scored = {"score": comment.moderation_score, "model_version": model_version}
                record_decision(comment, ModerationDecision.Action.SUBMITTED, **scored)
                record_decision(comment, decision, reasons=reasons, **scored)
            return
        except OperationalError as error:
            connection = transaction.get_connection()
            locked = connection.vendor == "sqlite" and "locked" in str(error)
            if not locked or connection.in_atomic_block or attempt == STORE_ATTEMPTS - 1:
                raise
            comment.pk = None  # the failed insert's id, if any, was rolled back
            time.sleep(random.uniform(0.05, 0.25) * (attempt + 1))  # noqa: S311 - jitter


def stop_reply_notifications(email: str) -> int:
    """Stop reply emails to `email` for all their comments; return how many comments changed."""
    return Comment.objects.filter(author_email=email.lower(), notify_on_reply=True).update(
        notify_on_reply=False
    )
