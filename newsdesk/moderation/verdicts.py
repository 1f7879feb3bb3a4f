"""What a moderation check says about a comment: an action and the reason, in policy terms."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from enum import IntEnum


class Action(IntEnum):
    """What to do with a comment; a higher value overrides a lower one."""

    ALLOW = 0
    HOLD = 1  # keep it for a moderator
    SPAM = 2  # store as spam, out of the queue's main view
    REJECT = 3  # refuse it, telling the reader why
    DROP = 4  # store as rejected and tell the reader nothing different (banned commenters)


@dataclass(frozen=True)
class Verdict:
    """One check's finding: which check, what it asks for, and why (shown to moderators).

    `reason` is a sentence in the terms of the comment policy. `public` is false when the
    reader must not be told (bans, spam traps); `detail` is for moderators only, such as
    the word that matched. A scorer's verdict carries its `score` (0 to 1) and the
    `model_version` that gave it; a score under the hold threshold comes as an ALLOW verdict,
    so the queue can sort every comment by it.
    """

    check: str
    action: Action
    reason: str
    public: bool = True
    detail: str = ""
    score: float | None = None
    model_version: str = ""

    def as_json(self) -> dict:
        data = {"check": self.check, "action": self.action.name.lower(), "reason": self.reason}
        if not self.public:
            data["public"] = False
        if self.detail:
            data["detail"] = self.detail
        if self.score is not None:
            data["score"] = round(self.score, 4)
        if self.model_version:
            data["model_version"] = self.model_version
        return data


def top_score(verdicts: Iterable[Verdict]) -> tuple[float | None, str]:
    """The highest score among `verdicts` and the version of the model that gave it."""
    scored = [v for v in verdicts if v.score is not None]
    if not scored:
        return None, ""
    best = max(scored, key=lambda v: v.score or 0.0)
    return best.score, best.model_version


def strongest(verdicts: Iterable[Verdict]) -> Action:
    """The action that wins among `verdicts`: the highest, or ALLOW when there are none."""
    return max((v.action for v in verdicts), default=Action.ALLOW)


@dataclass(frozen=True)
class Submission:
    """A comment as submitted, before it is stored: everything a check may look at."""

    story_id: int
    text: str
    author_name: str
    author_email: str
    ip_address: str | None = None
    user_agent: str = ""
    parent_id: int | None = None
    is_staff: bool = False
    honeypot: str = ""
    form_rendered_at: datetime | None = None
    submitted_at: datetime | None = None
    language: str = "en"
    # The site the story belongs to, for its scorer thresholds (None: the defaults).
    site_id: int | None = None
    extra: dict = field(default_factory=dict)
