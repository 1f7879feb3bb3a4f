"""Deciding what happens to a new comment: run every check and the scorer, then apply the mode.

    submission -> checks + scorer -> strongest verdict -> discussion mode -> status

The caller (the discussion app's posting service) stores the comment with `Review.status` and
`Review.reasons()`, writes the audit line with `Review.audit_action` and sends the signal.
Reasons are stored in English, as written in the source, and translated when shown
(`gettext(reason)`), so a moderator and a reader each read them in their own language.
"""

import ipaddress
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext, gettext_noop

from newsdesk.articles.models import DiscussionMode
from newsdesk.discussion.models import Comment
from newsdesk.moderation.comment_checks import BanFinding, CheckContext
from newsdesk.moderation.models import Ban, ModerationDecision, ModerationRule, ScorerThreshold
from newsdesk.moderation.scorers import ModelScorer, PatternScorer, load_scorer, unavailable_verdict
from newsdesk.moderation.verdicts import Action, Submission, Verdict, strongest, top_score

logger = logging.getLogger(__name__)

Check = Callable[[Submission, CheckContext], Verdict | None]

# How many recent comments the duplicate check compares against, at most.
RECENT_TEXTS = 50


@dataclass(frozen=True)
class Review:
    """The outcome for one submission: the status to store and every verdict behind it."""

    status: str
    verdicts: tuple[Verdict, ...]
    refused: bool = False

    @property
    def strongest(self) -> Action:
        return strongest(self.verdicts)

    @property
    def score(self) -> float | None:
        """The scorer's highest score for the comment (None when the scorer gives none)."""
        return top_score(self.verdicts)[0]

    @property
    def model_version(self) -> str:
        """The version of the model behind `score`."""
        return top_score(self.verdicts)[1]

    def reasons(self) -> list[dict]:
        """Every finding, for Comment.moderation_reasons and the audit log."""
        return [v.as_json() for v in self.verdicts if v.action > Action.ALLOW]

    def reasons_for_reader(self) -> list[str]:
        """The reasons the reader may be told (never bans or spam traps), translated."""
        return list(
            dict.fromkeys(
                gettext(v.reason) for v in self.verdicts if v.action > Action.ALLOW and v.public
            )
        )

    @property
    def status_for_reader(self) -> str:
        """The status to tell the reader: dropped and spam comments look held for review."""
        if self.status in (Comment.Status.SPAM, Comment.Status.REJECTED) and not self.refused:
            return Comment.Status.PENDING
        return self.status

    @property
    def audit_action(self) -> str:
        """The audit log's action for this automatic decision."""
        if self.strongest == Action.DROP and not self.refused:
            return ModerationDecision.Action.DROPPED
        return {
            Comment.Status.APPROVED: ModerationDecision.Action.APPROVED,
            Comment.Status.PENDING: ModerationDecision.Action.HELD,
            Comment.Status.REJECTED: ModerationDecision.Action.REJECTED,
            Comment.Status.SPAM: ModerationDecision.Action.SPAM,
        }[self.status]


@lru_cache(maxsize=16)
def _import_checks(paths: tuple[str, ...]) -> tuple[Check, ...]:
    return tuple(import_string(path) for path in paths)


def load_checks() -> tuple[Check, ...]:
    """The checks named by NEWSDESK_MODERATION_CHECKS, in order."""
    return _import_checks(tuple(settings.NEWSDESK_MODERATION_CHECKS))


def _valid_ip(value: str | None) -> str | None:
    try:
        return str(ipaddress.ip_address(value)) if value else None
    except ValueError:
        return None


def gather_context(submission: Submission, now=None) -> CheckContext:
    """Everything the checks need from the database and settings, in a handful of queries."""
    now = now or submission.submitted_at or timezone.now()
    email = submission.author_email.strip()
    stored_email = email.lower()  # as Comment.save stores it: an indexed equality, not ILIKE
    ip = _valid_ip(submission.ip_address)

    # Every kind in one query: the local scorer's threat patterns too (it read them again).
    by_kind: dict[str, list] = {kind: [] for kind in ModerationRule.Kind.values}
    for rule in ModerationRule.objects.active().order_by("pk"):
        by_kind.setdefault(rule.kind, []).append(rule.as_word_rule())
    banned = by_kind[ModerationRule.Kind.BANNED]
    suspect = by_kind[ModerationRule.Kind.SUSPECT]

    bans = tuple(
        BanFinding(
            Action.DROP if ban.action == Ban.Action.DROP else Action.HOLD, str(ban), ban.reason
        )
        for ban in Ban.objects.matching(email, ip, now=now)
    )

    same_commenter = Q(author_email=stored_email) if email else Q(pk__in=[])
    if ip:
        same_commenter |= Q(ip_address=ip)
    duplicate_since = now - timedelta(hours=settings.NEWSDESK_MODERATION_DUPLICATE_HOURS)
    by_commenter = tuple(
        Comment.objects.filter(same_commenter, submitted_at__gte=duplicate_since)
        .order_by("-submitted_at")
        .values_list("text", flat=True)[:RECENT_TEXTS]
    )
    on_story = tuple(
        Comment.objects.filter(story_id=submission.story_id, submitted_at__gte=duplicate_since)
        .exclude(same_commenter)
        .order_by("-submitted_at")
        .values_list("text", flat=True)[:RECENT_TEXTS]
    )

    window = settings.NEWSDESK_MODERATION_RATE_LIMIT_MINUTES
    counters = {}
    if ip:
        counters["by_ip"] = Count("pk", filter=Q(ip_address=ip))
    if email:
        counters["by_email"] = Count("pk", filter=Q(author_email=stored_email))
    counts = (
        Comment.objects.filter(
            same_commenter, submitted_at__gte=now - timedelta(minutes=window)
        ).aggregate(**counters)
        if counters
        else {}
    )

    thresholds = tuple(ScorerThreshold.objects.for_site(submission.site_id))

    return CheckContext(
        now=now,
        scorer_thresholds=thresholds,
        banned_words=tuple(banned),
        suspect_words=tuple(suspect),
        threat_words=tuple(by_kind[ModerationRule.Kind.THREAT]),
        bans=bans,
        recent_texts_by_commenter=by_commenter,
        recent_texts_on_story=on_story,
        recent_count_by_ip=counts.get("by_ip") or 0,
        recent_count_by_email=counts.get("by_email") or 0,
        max_links=settings.NEWSDESK_MODERATION_MAX_LINKS,
        min_seconds=settings.NEWSDESK_MODERATION_MIN_SECONDS,
        rate_limit_per_ip=settings.NEWSDESK_MODERATION_RATE_LIMIT_PER_IP,
        rate_limit_per_email=settings.NEWSDESK_MODERATION_RATE_LIMIT_PER_EMAIL,
        rate_window_minutes=window,
        duplicate_min_length=settings.NEWSDESK_MODERATION_DUPLICATE_MIN_LENGTH,
        shouting_min_letters=settings.NEWSDESK_MODERATION_SHOUTING_MIN_LETTERS,
        shouting_percent=settings.NEWSDESK_MODERATION_SHOUTING_PERCENT,
    )


def _failed_check(name: str, error: Exception) -> Verdict:
    return Verdict(
        "check_failed",
        Action.HOLD,
        gettext_noop("An automatic check could not run, so a moderator will read it first."),
        public=False,
        detail=f"{name}: {type(error).__name__}: {error}",
    )


def run_checks(submission: Submission, context: CheckContext | None = None) -> list[Verdict]:
    """Every registered check's verdict on `submission`, then the scorer's, in order.

    A check or scorer that raises holds the comment instead of losing it or letting it through.
    """
    context = context or gather_context(submission)
    verdicts: list[Verdict] = []
    for check in load_checks():
        try:
            verdict = check(submission, context)
        except Exception as error:
            logger.exception("Moderation check %s failed", getattr(check, "__name__", check))
            verdict = _failed_check(getattr(check, "__name__", repr(check)), error)
        if verdict is not None:
            verdicts.append(verdict)
    try:
        scorer = load_scorer()
        if isinstance(scorer, PatternScorer) and context.threat_words is not None:
            scorer.use_threat_rules(context.threat_words)
        if isinstance(scorer, ModelScorer) and context.scorer_thresholds is not None:
            scorer.use_thresholds(context.scorer_thresholds, submission.site_id)
        verdicts.extend(scorer.score(submission.text, submission.language))
    except Exception as error:
        logger.exception("Comment scorer failed")
        verdicts.append(unavailable_verdict(f"{type(error).__name__}: {error}"))
    return verdicts


def review(submission: Submission, mode: str, trusted: bool = False) -> Review:
    """Decide the status of `submission` under discussion `mode` ("pre", "post" or "closed").

    `trusted` commenters skip pre-moderation when nothing flagged them.
    """
    verdicts = tuple(run_checks(submission))
    action = strongest(verdicts)
    if mode == DiscussionMode.CLOSED:
        return Review(Comment.Status.REJECTED, verdicts, refused=True)
    if action == Action.DROP:
        return Review(Comment.Status.REJECTED, verdicts)
    if action == Action.REJECT:
        return Review(Comment.Status.REJECTED, verdicts, refused=True)
    if action == Action.SPAM:
        return Review(Comment.Status.SPAM, verdicts)
    if action == Action.HOLD:
        return Review(Comment.Status.PENDING, verdicts)
    if mode == DiscussionMode.POST_MODERATED or trusted or submission.is_staff:
        return Review(Comment.Status.APPROVED, verdicts)
    return Review(Comment.Status.PENDING, verdicts)
