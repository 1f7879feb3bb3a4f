"""Signals of the discussion: sent by the services that change a comment's state."""

from django.dispatch import Signal

#: A comment became visible to readers (posted unmoderated, or approved). Sent with `comment`.
comment_published = Signal()

#: A comment was withdrawn from readers (rejected, marked spam or erased). Sent with `comment`.
comment_withdrawn = Signal()
