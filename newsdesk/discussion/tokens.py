"""Signed tokens of the discussion: the comment form's, the "posted" page's, the unsubscribe link's.

The form token replaces a CSRF cookie so that story pages carry no per-reader data and stay
cacheable: it holds a random key and the time the form was rendered, signed with the secret key.
docs/discussion-caching.md explains the design.
"""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.core import signing
from django.utils import timezone

FORM_SALT = "newsdesk.discussion.form"
POSTED_SALT = "newsdesk.discussion.posted"
UNSUBSCRIBE_SALT = "newsdesk.discussion.unsubscribe"


class TokenExpired(Exception):
    """The form was rendered longer ago than NEWSDESK_COMMENT_FORM_MAX_AGE allows."""


class TokenInvalid(Exception):
    """The token is missing, malformed or not signed by this site."""


@dataclass(frozen=True)
class FormToken:
    """What a comment form's token says: its random key and when the form was rendered."""

    key: uuid.UUID
    rendered_at: datetime

    def submission_key(
        self, *, author_email: str, author_name: str, text: str, parent_id
    ) -> uuid.UUID:
        """The key a comment sent with this token is stored under.

        The same form sent twice (a double click, a replay) gives the same key, so it is stored
        once. The key also depends on what was typed because a story page served from a shared
        cache gives every reader the same token until their browser fetches a fresh one: two
        readers' different comments must not collide.
        """
        typed = "\x1f".join([str(parent_id or ""), author_email.lower(), author_name, text])
        return uuid.uuid5(self.key, typed)


def issue_form_token(now: datetime | None = None) -> str:
    """A fresh signed token for a comment form rendered now."""
    now = now or timezone.now()
    return signing.dumps({"k": uuid.uuid4().hex, "t": now.timestamp()}, salt=FORM_SALT)


def read_form_token(token: str, now: datetime | None = None) -> FormToken:
    """Check `token` and return what it holds; raise TokenExpired or TokenInvalid."""
    if not token:
        raise TokenInvalid("No form token.")
    try:
        payload = signing.loads(token, salt=FORM_SALT)
        key = uuid.UUID(payload["k"])
        rendered_at = datetime.fromtimestamp(float(payload["t"]), tz=UTC)
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise TokenInvalid("The form token is not valid.") from None
    age = ((now or timezone.now()) - rendered_at).total_seconds()
    if age > settings.NEWSDESK_COMMENT_FORM_MAX_AGE:
        raise TokenExpired("The form is too old.")
    return FormToken(key=key, rendered_at=rendered_at)


def posted_token(comment_id: int) -> str:
    """A token naming one comment, for the page that tells its author what became of it."""
    return signing.dumps(comment_id, salt=POSTED_SALT)


def read_posted_token(token: str) -> int:
    """The comment id in a posted-page token; raise TokenInvalid if it was not signed here."""
    try:
        return int(signing.loads(token, salt=POSTED_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        raise TokenInvalid("Unknown comment.") from None


def unsubscribe_token(email: str) -> str:
    """A token for the unsubscribe link in reply notifications to `email`."""
    return signing.dumps(email.lower(), salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> str:
    """The email address in an unsubscribe token; raise TokenInvalid if it was not signed here."""
    try:
        email = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        raise TokenInvalid("Unknown unsubscribe link.") from None
    if not isinstance(email, str) or "@" not in email:
        raise TokenInvalid("Unknown unsubscribe link.")
    return email
