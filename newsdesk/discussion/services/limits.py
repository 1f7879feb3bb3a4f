"""Flood limits: how many comments one email address, or one IP address, may send in a while.

Past a limit a comment is refused before anything is stored or reviewed: no row, no audit line,
no call to an outside scorer. The counts are kept by `newsdesk.rate_limits`, in the database,
so they hold under concurrency and across worker processes. Below these limits the moderation
checks still hold comments that come fast (`rate_limit_per_ip`), with their reasons.
"""

import logging
import math
from datetime import datetime

from django.conf import settings
from django.utils.translation import gettext, ngettext

from newsdesk.rate_limits.services import Limit, take_slot

logger = logging.getLogger(__name__)

PER_EMAIL = "comments-per-email"
PER_IP = "comments-per-ip"


class CommentLimited(Exception):
    """Too many comments from this email or address lately: refused, with nothing stored."""

    def __init__(self, limit: str, retry_after: int) -> None:
        super().__init__(f"{limit}: retry after {retry_after} s")
        self.limit = limit
        self.retry_after = retry_after

    @property
    def message(self) -> str:
        """What the reader is told, in their language, with how long to wait."""
        minutes = max(1, math.ceil(self.retry_after / 60))
        return " ".join(
            (
                gettext("Please slow down: you have posted many comments in the last few minutes."),
                ngettext(
                    "Your comment was not sent. You can send it in %(minutes)s minute.",
                    "Your comment was not sent. You can send it in %(minutes)s minutes.",
                    minutes,
                )
                % {"minutes": minutes},
            )
        )


def comment_limits() -> tuple[Limit, Limit]:
    """The per-email and per-address limits, from the settings (read at each comment)."""
    seconds = settings.NEWSDESK_COMMENT_LIMIT_MINUTES * 60
    return (
        Limit(PER_EMAIL, settings.NEWSDESK_COMMENT_LIMIT_PER_EMAIL, seconds),
        Limit(PER_IP, settings.NEWSDESK_COMMENT_LIMIT_PER_IP, seconds),
    )


def take_comment_slots(author_email: str, ip_address: str | None, now: datetime) -> None:
    """Count one comment from `author_email` and from `ip_address`; raise `CommentLimited` past
    either limit.

    The email is counted first and a refusal there does not count against the address, so one
    noisy commenter does not use up an office's share. A comment whose address is unknown
    (None) is limited by its email only: a shared bucket for every such reader would let one of
    them silence the rest.
    """
    per_email, per_ip = comment_limits()
    taken = [(per_email, author_email.strip().lower())]
    if ip_address:
        taken.append((per_ip, ip_address))
    for limit, key in taken:
        decision = take_slot(limit, key, now=now.timestamp())
        if decision.refused:
            logger.info(
                "Comment refused by the %s limit (%s in the window, limit %s)",
                limit.name,
                decision.count,
                decision.limit,
            )
            raise CommentLimited(limit.name, decision.retry_after)
