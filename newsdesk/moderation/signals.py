"""Signals of the moderation app, sent by its services after the change is stored."""

from django.dispatch import Signal

#: A moderator edited a comment's name or text. Sent with `comment` and `edit` (a CommentEdit).
#: Receivers refresh what shows the comment; a published comment stays published.
comment_edited = Signal()
