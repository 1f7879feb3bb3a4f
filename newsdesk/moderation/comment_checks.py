"""The automatic checks on a new comment: small pure functions returning a verdict or None.

Each check is `(submission, context) -> Verdict | None`. Everything a check needs from outside
the submission (word lists, the commenter's recent comments, counts, the time, settings) is in
the `CheckContext` the pipeline gathers once, so a check never touches the database and is
tested with plain values. NEWSDESK_MODERATION_CHECKS lists the checks the pipeline runs, in
order; a site adds its own the same way (docs/moderation-pipeline.md).

A verdict's reason is a fixed English sentence marked for translation (`gettext_noop`): it is
stored as written and translated when shown, to the reader or to a moderator. Specifics (the
word that matched, how many links) go in `detail`, which only moderators see.
"""

import functools
import re
from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_noop as _

from newsdesk.moderation.matching import WordRule, normalise
from newsdesk.moderation.verdicts import Action, Submission, Verdict


@dataclass(frozen=True)
class BanFinding:
    """An active ban covering the commenter: what it asks for and what moderators wrote."""

    action: Action
    names: str
    reason: str = ""


@dataclass(frozen=True)
class CheckContext:
    """What the checks know besides the submission, gathered once by the pipeline."""

    now: datetime
    banned_words: tuple[WordRule, ...] = ()
    suspect_words: tuple[WordRule, ...] = ()
    # The editors' threat patterns, read with the other rules for the local scorer.
    threat_words: tuple[WordRule, ...] | None = None
    # The admin's scorer thresholds for the submission's site, read for the model scorer.
    scorer_thresholds: tuple | None = None
    bans: tuple[BanFinding, ...] = ()
    # Texts of the commenter's recent comments (same email or same IP address), any story.
    recent_texts_by_commenter: tuple[str, ...] = ()
    # Texts of other commenters' recent comments on the same story.
    recent_texts_on_story: tuple[str, ...] = ()
    # Comments stored in the last `rate_window_minutes`, by IP address and by email.
    recent_count_by_ip: int = 0
    recent_count_by_email: int = 0
    max_links: int = 2
    min_seconds: float = 3.0
    rate_limit_per_ip: int = 5
    rate_limit_per_email: int = 5
    rate_window_minutes: int = 10
    duplicate_min_length: int = 30
    shouting_min_letters: int = 20
    shouting_percent: int = 70
    extra: dict = field(default_factory=dict)


#: How the queue names each check's reasons in its filter.
LABELS = {
    "banned_commenter": gettext_lazy("Banned commenter"),
    "honeypot": gettext_lazy("Hidden field filled in"),
    "posted_too_soon": gettext_lazy("Posted too soon"),
    "rate_limit_per_ip": gettext_lazy("Too many comments from one IP address"),
    "rate_limit_per_email": gettext_lazy("Too many comments from one email"),
    "duplicate": gettext_lazy("Duplicate"),
    "banned_words": gettext_lazy("Banned words"),
    "suspect_words": gettext_lazy("Suspect words"),
    "too_many_links": gettext_lazy("Too many links"),
    "shouting": gettext_lazy("Shouting"),
    "call_to_kill": gettext_lazy("Call to kill"),
    "threat_of_violence": gettext_lazy("Threat of violence"),
    "abusive_language": gettext_lazy("Abusive language"),
    "abuse_score": gettext_lazy("Abuse score"),
    "scorer_unavailable": gettext_lazy("Scorer unavailable"),
    "check_failed": gettext_lazy("A check failed"),
}


def _quoted(matches: list[str]) -> str:
    return ", ".join(f"“{m}”" for m in dict.fromkeys(matches))


def banned_commenter(submission: Submission, context: CheckContext) -> Verdict | None:
    """Hold or drop, silently, a comment from a banned email or IP address."""
    if not context.bans:
        return None
    ban = max(context.bans, key=lambda b: b.action)
    return Verdict(
        "banned_commenter",
        ban.action,
        _("The commenter is banned."),
        public=False,
        detail="; ".join(f"{b.names}: {b.reason}" if b.reason else b.names for b in context.bans),
    )


def honeypot(submission: Submission, context: CheckContext) -> Verdict | None:
    """Mark as spam a comment whose hidden field, invisible to people, was filled in."""
    if not submission.honeypot.strip():
        return None
    return Verdict(
        "honeypot",
        Action.SPAM,
        _("A field people cannot see was filled in, as robots do."),
        public=False,
    )


def posted_too_soon(submission: Submission, context: CheckContext) -> Verdict | None:
    """Mark as spam a comment sent fewer than `min_seconds` after the form was shown."""
    shown, sent = submission.form_rendered_at, submission.submitted_at or context.now
    if shown is None:
        return None
    seconds = (sent - shown).total_seconds()
    if seconds >= context.min_seconds:
        return None
    return Verdict(
        "posted_too_soon",
        Action.SPAM,
        _("It was sent too soon after the form was shown for a person to have written it."),
        public=False,
        detail=f"{seconds:.1f} s after the form was shown (minimum {context.min_seconds:g} s)",
    )


def _rate_limited(check: str, count: int, limit: int, minutes: int, action: Action) -> Verdict:
    return Verdict(
        check,
        action,
        _("Please slow down: you have posted many comments in the last few minutes."),
        detail=f"{count} comments in {minutes} minutes (limit {limit})",
    )


def rate_limit_per_email(submission: Submission, context: CheckContext) -> Verdict | None:
    """Hold a comment when its email already posted the limit within the window.

    Held, not refused: refusing a flood is done before anything is stored, by the discussion's
    flood limits (NEWSDESK_COMMENT_LIMIT_PER_EMAIL); this check holds the comments that come
    fast but below that limit, when a site sets its limit lower.
    """
    if context.recent_count_by_email < context.rate_limit_per_email:
        return None
    return _rate_limited(
        "rate_limit_per_email",
        context.recent_count_by_email,
        context.rate_limit_per_email,
        context.rate_window_minutes,
        Action.HOLD,
    )


def rate_limit_per_ip(submission: Submission, context: CheckContext) -> Verdict | None:
    """Hold a comment when its IP address already posted the limit within the window.

    Held rather than refused: many readers can share one address (an office, a mobile network).
    Past the discussion's flood limit (NEWSDESK_COMMENT_LIMIT_PER_IP) comments are refused
    before they are stored, so they never reach this check.
    """
    if not submission.ip_address or context.recent_count_by_ip < context.rate_limit_per_ip:
        return None
    return _rate_limited(
        "rate_limit_per_ip",
        context.recent_count_by_ip,
        context.rate_limit_per_ip,
        context.rate_window_minutes,
        Action.HOLD,
    )


_NOT_WORDS = re.compile(r"[\W_]+")


@functools.lru_cache(maxsize=1024)
def comparable_text(text: str) -> str:
    """`text` reduced to its words, for spotting the same comment posted again.

    Each post is compared with up to a hundred recent comments, mostly the same ones from one
    post to the next: reducing them afresh was 40% of a post's time (docs/performance-render.md).
    """
    return _NOT_WORDS.sub(" ", normalise(text)).strip()


def duplicate(submission: Submission, context: CheckContext) -> Verdict | None:
    """Spam when the commenter repeats a recent comment; hold when it copies someone else's."""
    text = comparable_text(submission.text)
    if not text:
        return None
    if any(comparable_text(other) == text for other in context.recent_texts_by_commenter):
        return Verdict(
            "duplicate",
            Action.SPAM,
            _("The same comment was already posted recently."),
            public=False,
        )
    if len(text) >= context.duplicate_min_length and any(
        comparable_text(other) == text for other in context.recent_texts_on_story
    ):
        return Verdict(
            "duplicate",
            Action.HOLD,
            _("Another reader recently posted the same comment on this story."),
        )
    return None


def banned_words(submission: Submission, context: CheckContext) -> Verdict | None:
    """Refuse a comment containing a word the comment policy does not allow."""
    matches = _matches(context.banned_words, submission)
    if not matches:
        return None
    return Verdict(
        "banned_words",
        Action.REJECT,
        _("It contains words our comment policy does not allow."),
        detail=_quoted(matches),
    )


def suspect_words(submission: Submission, context: CheckContext) -> Verdict | None:
    """Hold a comment containing a word a moderator should see in context."""
    matches = _matches(context.suspect_words, submission)
    if not matches:
        return None
    return Verdict(
        "suspect_words",
        Action.HOLD,
        _("It contains words a moderator reads in context before publishing."),
        detail=_quoted(matches),
    )


def _matches(rules: tuple[WordRule, ...], submission: Submission) -> list[str]:
    applicable = [rule for rule in rules if rule.applies_to(submission.language)]
    if not applicable:
        return []
    text = normalise(f"{submission.author_name}\n{submission.text}")
    return [found for rule in applicable if (found := rule.search(text)) is not None]


_LINK = re.compile(
    r"(?:https?://|www\.)[^\s<>\"']+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|info|biz|ru|su|io|xyz|top|site|online|club|shop|"
    r"ly|me|co|cc|tk|ml|ga|cf|gq|us|uk|de|fr)(?:/[^\s<>\"']*)?\b",
    re.IGNORECASE,
)


def count_links(text: str) -> int:
    """How many web addresses `text` holds: with a scheme, www., or a common domain ending."""
    return len(_LINK.findall(text))


def too_many_links(submission: Submission, context: CheckContext) -> Verdict | None:
    """Hold a comment with more links than `max_links`."""
    links = count_links(submission.text)
    if links <= context.max_links:
        return None
    return Verdict(
        "too_many_links",
        Action.HOLD,
        _("It contains many links, so a moderator will check them first."),
        detail=f"{links} links (limit {context.max_links})",
    )


def shouting(submission: Submission, context: CheckContext) -> Verdict | None:
    """Hold a comment written mostly in capital letters, past a minimum length."""
    cased = [ch for ch in submission.text if ch.isupper() or ch.islower()]
    if len(cased) < context.shouting_min_letters:
        return None
    capitals = sum(ch.isupper() for ch in cased)
    percent = 100 * capitals / len(cased)
    if percent < context.shouting_percent:
        return None
    return Verdict(
        "shouting",
        Action.HOLD,
        _("It is written mostly in capital letters, which reads as shouting."),
        detail=f"{percent:.0f}% capitals",
    )
