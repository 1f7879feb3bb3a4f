"""Arranging loaded comments into displayed threads, nesting to a depth, then flattening."""

from datetime import UTC, datetime, timedelta

from newsdesk.discussion.models import Comment
from newsdesk.discussion.threads import arrange, with_hidden_ancestors

START = datetime(2026, 1, 1, tzinfo=UTC)


def comment(pk: int, parent: Comment | None = None, status: str = "approved") -> Comment:
    """An unsaved comment, its thread and depth set as Comment.save would."""
    return Comment(
        pk=pk,
        parent_id=parent.pk if parent else None,
        thread_root_id=(parent.thread_root_id or parent.pk) if parent else None,
        depth=parent.depth + 1 if parent else 0,
        author_name=f"Reader {pk}",
        status=status,
        submitted_at=START + timedelta(minutes=pk),
    )


def shape(nodes) -> list:
    return [
        (
            node.comment.pk,
            node.level,
            node.in_reply_to.pk if node.in_reply_to else None,
            shape(node.replies),
        )
        for node in nodes
    ]


def test_replies_nest_up_to_the_number_of_levels_then_flatten_in_reading_order():
    root = comment(1)
    a = comment(2, root)
    b = comment(3, a)
    c = comment(4, b)
    d = comment(5, c)
    e = comment(6, b)
    assert shape(arrange([d, c, b, a, root, e], levels=3)) == [
        (
            1,
            0,
            None,
            [(2, 1, None, [(3, 2, None, []), (4, 2, 3, []), (5, 2, 4, []), (6, 2, 3, [])])],
        )
    ]


def test_one_level_shows_every_reply_flat_with_whom_it_answers():
    root = comment(1)
    reply = comment(2, root)
    assert shape(arrange([root, reply], levels=1)) == [(1, 0, None, []), (2, 0, 1, [])]


def test_threads_newest_first_keep_replies_oldest_first():
    first, second = comment(1), comment(2)
    early, late = comment(3, first), comment(4, first)
    assert shape(arrange([first, second, late, early], newest_first=True)) == [
        (2, 0, None, []),
        (1, 0, None, [(3, 1, None, []), (4, 1, None, [])]),
    ]


def test_a_reply_whose_parent_is_gone_hangs_from_its_thread():
    root = comment(1)
    middle = comment(2, root)
    orphan = comment(3, middle)
    assert shape(arrange([root, orphan])) == [(1, 0, None, [(3, 1, None, [])])]


def test_hidden_ancestors_of_visible_replies_are_kept_and_others_dropped():
    skeleton = [
        (1, None, "approved"),
        (2, 1, "rejected"),  # removed, but 3 replies to it
        (3, 2, "approved"),
        (4, 1, "spam"),  # removed, nothing visible under it
        (5, 4, "pending"),
    ]
    assert with_hidden_ancestors(skeleton) == {1, 2, 3}
