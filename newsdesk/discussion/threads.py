"""Arranging a page of comments into threads for display, in Python, from rows already loaded.

Any depth of reply is stored; the display nests `levels` deep, and replies below the last level
are shown at that level, after the comment they descend from, marked "in reply to NAME".
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from newsdesk.discussion.models import Comment


@dataclass
class ThreadNode:
    """One comment in the displayed tree; `shown` is False for a removed comment with replies."""

    comment: Comment
    level: int
    replies: list["ThreadNode"] = field(default_factory=list)
    in_reply_to: Comment | None = None

    @property
    def shown(self) -> bool:
        return self.comment.is_visible


def _chronological(comments: Iterable[Comment]) -> list[Comment]:
    return sorted(comments, key=lambda c: (c.submitted_at, c.pk))


def arrange(
    rows: Iterable[Comment], *, newest_first: bool = False, levels: int = 3
) -> list[ThreadNode]:
    """Arrange `rows` (whole threads: roots and their replies) into display nodes.

    Threads are ordered oldest or newest first by their first comment; replies always read in
    the order they were written. A reply whose parent is missing from `rows` (deleted) hangs
    from its thread's first comment.
    """
    last_level = max(levels, 1) - 1
    by_id = {comment.pk: comment for comment in rows}
    roots: list[Comment] = []
    children: dict[int, list[Comment]] = defaultdict(list)
    for comment in _chronological(by_id.values()):
        if comment.thread_root_id is None or comment.thread_root_id not in by_id:
            roots.append(comment)
        elif comment.parent_id in by_id:
            children[comment.parent_id].append(comment)
        else:
            children[comment.thread_root_id].append(comment)
    if newest_first:
        roots.reverse()

    def flattened(comment: Comment) -> Iterator[ThreadNode]:
        for child in children[comment.pk]:
            yield ThreadNode(child, level=last_level, in_reply_to=comment)
            yield from flattened(child)

    def nodes(comments: list[Comment], level: int) -> list[ThreadNode]:
        arranged = []
        for comment in comments:
            node = ThreadNode(comment, level=level)
            arranged.append(node)
            if level < last_level:
                node.replies = nodes(children[comment.pk], level + 1)
            else:
                arranged.extend(flattened(comment))
        return arranged

    return nodes(roots, 0)


def with_hidden_ancestors(skeleton: Iterable[tuple[int, int | None, str]]) -> set[int]:
    """The ids to load for display: visible comments, and hidden ones that visible replies need.

    `skeleton` is (id, parent id, status) for every comment of the threads on the page.
    """
    parent_of: dict[int, int | None] = {}
    visible: list[int] = []
    for pk, parent_id, status in skeleton:
        parent_of[pk] = parent_id
        if status == Comment.Status.APPROVED:
            visible.append(pk)
    needed = set(visible)
    for pk in visible:
        parent_id = parent_of.get(pk)
        while parent_id is not None and parent_id in parent_of and parent_id not in needed:
            needed.add(parent_id)
            parent_id = parent_of[parent_id]
    return needed
