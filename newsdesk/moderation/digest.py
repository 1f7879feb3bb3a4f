"""The moderators' email digest of the queue, and the signed link that turns it off."""

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMessage
from django.db.models import Count, Min
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext
from django_tasks import TaskResultStatus

from newsdesk.discussion.models import Comment
from newsdesk.moderation.models import ModeratorPreference
from newsdesk.moderation.roles import MODERATORS_GROUP
from newsdesk.outbox.tasks import queue_messages

UNSUBSCRIBE_SALT = "newsdesk.moderation.digest.unsubscribe"


@dataclass(frozen=True)
class StoryQueue:
    """Pending comments on one story."""

    story_id: int
    headline: str
    pending: int
    oldest: datetime


@dataclass(frozen=True)
class QueueSummary:
    """The pending comments, story by story, longest waiting first."""

    stories: tuple[StoryQueue, ...]

    @property
    def total(self) -> int:
        return sum(story.pending for story in self.stories)

    @property
    def oldest(self) -> datetime | None:
        return min((story.oldest for story in self.stories), default=None)


def queue_summary() -> QueueSummary:
    """Count the pending comments per story (one query)."""
    rows = (
        Comment.objects.filter(status=Comment.Status.PENDING)
        .values("story_id", "story__headline")
        .annotate(pending=Count("pk"), oldest=Min("submitted_at"))
        .order_by("oldest", "story_id")
    )
    return QueueSummary(
        tuple(
            StoryQueue(row["story_id"], row["story__headline"], row["pending"], row["oldest"])
            for row in rows
        )
    )


def digest_recipients():
    """Active comment moderators with an email who have not turned the digest off."""
    return (
        get_user_model()
        .objects.filter(groups__name=MODERATORS_GROUP, is_active=True)
        .exclude(email="")
        .exclude(moderation_preference__receives_digest=False)
        .distinct()
        .order_by("pk")
    )


def unsubscribe_token(user) -> str:
    """A signed token naming `user`, for the link that turns their digest off."""
    return signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT)


def user_for_token(token: str):
    """The user an unsubscribe token names, or None when it was tampered with."""
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return get_user_model().objects.filter(pk=pk).first()


def absolute_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def unsubscribe_url(user) -> str:
    return absolute_url(reverse("moderation:unsubscribe", args=[unsubscribe_token(user)]))


def set_digest_preference(user, receives_digest: bool) -> ModeratorPreference:
    """Turn the digest on or off for `user`."""
    preference, _created = ModeratorPreference.objects.update_or_create(
        user=user, defaults={"receives_digest": receives_digest}
    )
    return preference


def compose_digest(user, summary: QueueSummary, now: datetime | None = None) -> EmailMessage:
    """The digest email for one moderator, with their own unsubscribe link."""
    now = now or timezone.now()
    queue_url = absolute_url(reverse("wagtailsnippets_discussion_comment:list"))
    stop_url = unsubscribe_url(user)
    context = {
        "user": user,
        "summary": summary,
        "stories": [
            {
                "headline": story.headline,
                "pending": story.pending,
                "waiting": describe_wait((now - story.oldest).total_seconds()),
                "url": f"{queue_url}?story={story.story_id}",
            }
            for story in summary.stories
        ],
        "oldest_waiting": describe_wait((now - summary.oldest).total_seconds())
        if summary.oldest
        else "",
        "queue_url": queue_url,
        "unsubscribe_url": stop_url,
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    subject = ngettext(
        "%(count)d comment waiting for moderation on %(site)s",
        "%(count)d comments waiting for moderation on %(site)s",
        summary.total,
    ) % {"count": summary.total, "site": settings.WAGTAIL_SITE_NAME}
    return EmailMessage(
        subject=subject,
        body=render_to_string("moderation/email/digest.txt", context),
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{stop_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


@dataclass
class DigestRun:
    """What became of one run's digests: queued for the worker, sent already, or not sent."""

    queued: int = 0
    sent: int = 0
    failed: list[str] = field(default_factory=list)
    reason: str = ""


def send_moderation_digest() -> DigestRun:
    """Email every digest recipient the state of the queue; nothing when it is empty.

    The emails go through the outbox: with the database queue the worker sends them and retries a
    mail server that refuses; with tasks run immediately they are sent at once, and those that
    failed are listed in `failed`. Nothing records a digest as sent, so the next run sends again.
    """
    with translation.override(settings.LANGUAGE_CODE):
        summary = queue_summary()
        if not summary.total:
            return DigestRun()
        messages = [compose_digest(user, summary) for user in digest_recipients()]
    run = DigestRun()
    for message, result in zip(messages, queue_messages(messages), strict=True):
        if result.status == TaskResultStatus.SUCCESSFUL:
            run.sent += 1
        elif result.status == TaskResultStatus.FAILED:
            run.failed.extend(message.to)
            run.reason = failure_reason(result)
        else:
            run.queued += 1
    return run


def failure_reason(result) -> str:
    """The last line of a failed task's traceback: the exception and its message."""
    if not result.errors:
        return "unknown error"
    return result.errors[-1].traceback.strip().splitlines()[-1]


def describe_wait(seconds: float) -> str:
    """A waiting time in words: minutes under two hours, then hours, then days."""
    minutes = int(seconds // 60)
    if minutes < 120:
        return ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}
    hours = minutes // 60
    if hours < 48:
        return ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours}
    days = hours // 24
    return ngettext("%(n)d day", "%(n)d days", days) % {"n": days}
