"""Casting, changing and reading readers' answers to "Do you like this article?".

Every vote moves the story's `ReactionTally` in the same transaction that stores or changes the
reader's `Reaction`, so the tally always equals the count of rows and pages read one row.
"""

import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.http import Http404
from django.utils.crypto import salted_hmac
from django.utils.functional import Promise
from django.utils.translation import ngettext

from newsdesk.articles.models import Article
from newsdesk.localisation.digits import with_reader_digits
from newsdesk.rate_limits.services import Limit, take_slot
from newsdesk.reactions import checks
from newsdesk.reactions.models import Choice, Reaction, ReactionTally

DEFAULT_PER_IP_PER_HOUR = 20
RATE_WINDOW_SECONDS = 60 * 60
NEW_VOTERS_LIMIT = "votes-new-voters-per-ip"


@dataclass(frozen=True)
class Results:
    """A story's counts, as readers see them, and the answer of the reader being shown them."""

    yes: int = 0
    no: int = 0
    choice: str | None = None

    @property
    def total(self) -> int:
        return self.yes + self.no

    @property
    def yes_percent(self) -> int:
        """Share of "yes", rounded half up; 0 before anyone answers."""
        if not self.total:
            return 0
        return (200 * self.yes + self.total) // (2 * self.total)

    @property
    def no_percent(self) -> int:
        """Share of "no"; with `yes_percent` it always adds up to 100 once anyone answered."""
        return 100 - self.yes_percent if self.total else 0

    @property
    def yes_shown(self) -> str:
        """ "3 votes" for "yes", pluralised and in the digits of the active language."""
        return votes_label(self.yes)

    @property
    def no_shown(self) -> str:
        return votes_label(self.no)

    @property
    def yes_percent_shown(self) -> str:
        return with_reader_digits(self.yes_percent)

    @property
    def no_percent_shown(self) -> str:
        return with_reader_digits(self.no_percent)

    def as_json(self) -> dict:
        """The counts as numbers, and as the page shows them in the active language (`*_shown`)."""
        return {
            "yes": self.yes,
            "no": self.no,
            "yes_percent": self.yes_percent,
            "no_percent": self.no_percent,
            "choice": self.choice,
            "yes_shown": self.yes_shown,
            "no_shown": self.no_shown,
            "yes_percent_shown": self.yes_percent_shown,
            "no_percent_shown": self.no_percent_shown,
        }


def votes_label(count: int) -> str:
    """ "1 vote", "5 votes": pluralised by the active language's rules, in its digits."""
    return ngettext("%(count)s vote", "%(count)s votes", count) % {
        "count": with_reader_digits(count)
    }


class VoteRefused(Exception):
    """The vote was not counted; `reason` says why, in words for the reader."""

    def __init__(self, reason: str | Promise, retry_after: int = 0) -> None:
        super().__init__(str(reason))
        self.reason = reason
        self.retry_after = retry_after  # seconds until a vote may be counted again; 0: unknown


def new_voter_key() -> str:
    """A random, unguessable id for a reader who has no voter cookie yet."""
    return secrets.token_urlsafe(16)


def hash_ip(ip_address: str) -> str:
    """A keyed hash of an IP address: stable for rate limits, useless without the secret key."""
    return salted_hmac("newsdesk.reactions.ip", ip_address, algorithm="sha256").hexdigest()


def votable_story(story_id: int) -> Article:
    """The published story readers may answer on, or 404."""
    story = Article.objects.published().select_related("section").filter(pk=story_id).first()
    if story is None:
        raise Http404("No such story.")
    return story


def results_for(story: Article, choice: str | None = None) -> Results:
    """The story's counts in one query, labelled with the answer `choice` being shown."""
    counts = (
        ReactionTally.objects.filter(story_id=story.pk).values_list("yes_count", "no_count").first()
    )
    yes, no = counts or (0, 0)
    return Results(yes, no, choice)


def cast_vote(story: Article, voter_key: str, choice: str, ip_address: str | None) -> Results:
    """Store or change the voter's answer on `story` and return the new counts.

    The same answer again changes nothing; a different one replaces it. A voter new to the story
    takes one of the IP's hourly slots for that story first, and past the limit `VoteRefused` is
    raised with nothing stored. Readers whose address is unknown (None) share one set of slots.
    """
    ip_hash = hash_ip(ip_address or "")
    already_voted = Reaction.objects.filter(story=story, voter_key=voter_key).exists()
    if not already_voted:
        # Before the transaction: the counter's row must not stay locked while the vote is stored.
        verdict, retry_after = _take_new_voter_slot(story, ip_hash)
        if not verdict.allowed:
            raise VoteRefused(verdict.reason, retry_after)
    with transaction.atomic():
        _record(story, voter_key, Choice(choice), ip_hash)
        yes, no = ReactionTally.objects.filter(story=story).values_list("yes_count", "no_count")[0]
    return Results(yes, no, choice)


def recount_tally(story_id: int) -> Results:
    """Rebuild one story's tally from its `Reaction` rows, for repairs after manual edits."""
    with transaction.atomic():
        ReactionTally.objects.get_or_create(story_id=story_id)
        # Votes on this story wait for this lock, so none lands between the count and the write.
        ReactionTally.objects.select_for_update().get(story_id=story_id)
        counts = Reaction.objects.filter(story_id=story_id).aggregate(
            yes=Count("pk", filter=Q(choice=Choice.YES)),
            no=Count("pk", filter=Q(choice=Choice.NO)),
        )
        ReactionTally.objects.filter(story_id=story_id).update(
            yes_count=counts["yes"], no_count=counts["no"]
        )
    return Results(counts["yes"], counts["no"])


def recount_tallies(story_ids: Iterable[int] | None = None) -> list[int]:
    """Rebuild the tallies of `story_ids` (default: every story with answers or a tally).

    Returns the ids of the stories whose tally was wrong.
    """
    if story_ids is None:
        answered = Reaction.objects.values_list("story_id", flat=True).distinct()
        story_ids = {*answered, *ReactionTally.objects.values_list("story_id", flat=True)}
    corrected = []
    for story_id in sorted(story_ids):
        before = ReactionTally.objects.filter(story_id=story_id).values_list(
            "yes_count", "no_count"
        )
        was = before.first() or (0, 0)
        now = recount_tally(story_id)
        if (now.yes, now.no) != tuple(was):
            corrected.append(story_id)
    return corrected


def _take_new_voter_slot(story: Article, ip_hash: str) -> tuple[checks.Verdict, int]:
    """Count one more new voter from this IP on this story in its hour, and judge it.

    The count is kept in the database (`newsdesk.rate_limits`), so every worker process counts
    against the same limit. Returns the verdict and the seconds until the hour ends.
    """
    allowed = getattr(settings, "NEWSDESK_REACTIONS_PER_IP_PER_HOUR", DEFAULT_PER_IP_PER_HOUR)
    if allowed < 1:  # 0: no new voters at all (as before: this limit has no "off")
        return checks.judge_new_voter_rate(1, 0), 0
    decision = take_slot(
        Limit(NEW_VOTERS_LIMIT, allowed, RATE_WINDOW_SECONDS), f"{story.pk}:{ip_hash}"
    )
    return checks.judge_new_voter_rate(decision.count, allowed), decision.retry_after


def _record(story: Article, voter_key: str, choice: Choice, ip_hash: str) -> None:
    """Store or change the voter's row and move the tally with it, in the caller's transaction."""
    reaction = Reaction.objects.select_for_update().filter(story=story, voter_key=voter_key).first()
    if reaction is None:
        try:
            # A savepoint: the same voter's double click may have inserted the row meanwhile.
            with transaction.atomic():
                Reaction.objects.create(
                    story=story, voter_key=voter_key, choice=choice, ip_hash=ip_hash
                )
        except IntegrityError:
            reaction = Reaction.objects.select_for_update().get(story=story, voter_key=voter_key)
        else:
            _move_tally(story, add=choice)
            return
    if reaction.choice == choice:
        return
    previous = reaction.choice
    reaction.choice = choice
    reaction.ip_hash = ip_hash
    reaction.save(update_fields=["choice", "ip_hash", "updated_at"])
    _move_tally(story, add=choice, remove=Choice(previous))


def _move_tally(story: Article, add: Choice, remove: Choice | None = None) -> None:
    """Add one to `add`'s count and take one from `remove`'s, as one UPDATE of the tally row."""
    # F() expressions: the database does the arithmetic, so concurrent votes never lose a count.
    changes = {f"{add.value}_count": F(f"{add.value}_count") + 1}
    if remove is not None:
        changes[f"{remove.value}_count"] = F(f"{remove.value}_count") - 1
    if ReactionTally.objects.filter(story=story).update(**changes):
        return
    # The story's first answer: create its row (safely against a concurrent first answer).
    ReactionTally.objects.get_or_create(story=story)
    ReactionTally.objects.filter(story=story).update(**changes)
