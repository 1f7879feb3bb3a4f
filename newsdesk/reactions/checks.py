"""Pure checks on a vote: each returns a verdict and, when it refuses, the reason a reader sees."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from newsdesk.reactions.models import Choice

RATE_LIMITED = _(
    "Your answer was not counted: too many readers answered from your network in the last hour."
    " Please try again later."
)
NOT_FROM_THIS_SITE = _("Your answer must be sent from this site's own page.")


@dataclass(frozen=True)
class Verdict:
    """Whether a check lets the vote through, and why not when it does not."""

    allowed: bool
    reason: str | Promise = ""

    @classmethod
    def allow(cls) -> "Verdict":
        return cls(True)

    @classmethod
    def refuse(cls, reason: str | Promise) -> "Verdict":
        return cls(False, reason)


def judge_choice(raw: str | None) -> Verdict:
    """Allow only "yes" or "no"."""
    if raw in Choice.values:
        return Verdict.allow()
    return Verdict.refuse(_('Choose "yes" or "no".'))


def judge_new_voter_rate(new_voters_this_hour: int, limit: int) -> Verdict:
    """Allow the vote while the IP's count of new voters on the story this hour is within limit."""
    if new_voters_this_hour <= limit:
        return Verdict.allow()
    return Verdict.refuse(RATE_LIMITED)
