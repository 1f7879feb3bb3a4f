"""The discussion's work, one module per concern; views, the admin and commands import from here.

- `posting`: posting a comment (review, store, log, announce) and what its author is told;
- `reading`: what a story page shows (count, threads, addresses);
- `modes`: the discussion mode in force for a story, and trusted commenters;
- `policy`: the comment policy for the reader's language;
- `limits`: the flood limits that refuse a comment before it is stored.
"""

from newsdesk.discussion.services.limits import CommentLimited, comment_limits
from newsdesk.discussion.services.modes import (
    discussion_mode,
    discussion_settings,
    is_trusted_commenter,
)
from newsdesk.discussion.services.policy import (
    comment_policy,
    forget_comment_policies,
    forget_discussion_settings,
)
from newsdesk.discussion.services.posting import (
    CLOSED_CHECK,
    CLOSED_REASON,
    Outcome,
    Posted,
    post_comment,
    reader_outcome,
    stop_reply_notifications,
)
from newsdesk.discussion.services.reading import (
    NEWEST_FIRST,
    OLDEST_FIRST,
    Threads,
    comment_count_heading,
    comment_order,
    comment_url,
    open_story,
    page_number,
    reply_node,
    shown_comment,
    story_threads,
    thread_roots,
    visible_count,
)

__all__ = [
    "CLOSED_CHECK",
    "CLOSED_REASON",
    "NEWEST_FIRST",
    "OLDEST_FIRST",
    "CommentLimited",
    "Outcome",
    "Posted",
    "Threads",
    "comment_count_heading",
    "comment_limits",
    "comment_order",
    "comment_policy",
    "comment_url",
    "discussion_mode",
    "discussion_settings",
    "forget_comment_policies",
    "forget_discussion_settings",
    "is_trusted_commenter",
    "open_story",
    "page_number",
    "post_comment",
    "reader_outcome",
    "reply_node",
    "shown_comment",
    "stop_reply_notifications",
    "story_threads",
    "thread_roots",
    "visible_count",
]
