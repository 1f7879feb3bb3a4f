"""What a story page shows of its discussion: the count, the page of threads, addresses."""

from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import InvalidPage, Page, Paginator
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import ngettext

from newsdesk.articles.models import Article
from newsdesk.discussion.models import Comment
from newsdesk.discussion.threads import ThreadNode, arrange, with_hidden_ancestors
from newsdesk.localisation.digits import with_reader_digits

OLDEST_FIRST = "oldest"
NEWEST_FIRST = "newest"


def open_story(story_id: int) -> Article:
    """The published story with this id, ready for its address to be built, or 404."""
    story = (
        Article.objects.published().select_related("section", "locale").filter(pk=story_id).first()
    )
    if story is None:
        raise Http404("No such story.")
    return story


def shown_comment(comment_id: int) -> Comment:
    """A visible comment on a published story, with its story, or 404."""
    comment = (
        Comment.objects.visible()
        .filter(pk=comment_id, story__live=True)
        .select_related("story", "story__section")
        .first()
    )
    if comment is None:
        raise Http404("No such comment.")
    return comment


def comment_count_heading(count: int) -> str:
    """ "1 Comment", "3 Comments", pluralised by the active language's rules."""
    return ngettext("%(count)s Comment", "%(count)s Comments", count) % {
        "count": with_reader_digits(count)
    }


def visible_count(story: Article) -> int:
    """How many of the story's comments readers see: the number in the heading."""
    return Comment.objects.visible().filter(story=story).count()


def thread_roots(story: Article) -> QuerySet[Comment]:
    """First comments of the story's threads that readers see: visible, or with visible replies."""
    visible_replies = Comment.objects.visible().filter(story=story, thread_root__isnull=False)
    return Comment.objects.filter(story=story, thread_root__isnull=True).filter(
        Q(status=Comment.Status.APPROVED) | Q(pk__in=visible_replies.values("thread_root_id"))
    )


def _ordered(roots: QuerySet[Comment], order: str) -> QuerySet[Comment]:
    if order == NEWEST_FIRST:
        return roots.order_by("-submitted_at", "-pk")
    return roots.order_by("submitted_at", "pk")


def comment_order(value: str | None) -> str:
    """The thread order a reader asked for with ?comments=; oldest first unless "newest"."""
    return NEWEST_FIRST if value == NEWEST_FIRST else OLDEST_FIRST


def page_number(value: str | None) -> int:
    """The page of threads a reader asked for with ?comments_page=; 1 for anything invalid."""
    try:
        number = int(value or 1)
    except (TypeError, ValueError):
        return 1
    return number if number >= 1 else 1


@dataclass
class Threads:
    """One page of a story's discussion: its threads, the page, and the visible comment count."""

    count: int
    nodes: list[ThreadNode]
    page: Page
    order: str = OLDEST_FIRST


def story_threads(story: Article, *, order: str = OLDEST_FIRST, number: int = 1) -> Threads:
    """The visible comments of one page of threads, arranged for display, in four queries.

    Threads are paginated by their first comment. The page's comments are found in two
    queries (every comment's id, parent and status; then the rows to show), whatever their
    number, and arranged in Python.
    """
    count = visible_count(story)
    paginator = Paginator(
        _ordered(thread_roots(story), order).values_list("pk", flat=True),
        settings.NEWSDESK_COMMENTS_PER_PAGE,
        allow_empty_first_page=True,
    )
    try:
        page = paginator.page(number)
    except InvalidPage:
        page = paginator.page(1)
    root_ids = page.object_list  # a sliced queryset: a subquery, not a round trip
    skeleton = Comment.objects.filter(Q(pk__in=root_ids) | Q(thread_root_id__in=root_ids))
    needed = with_hidden_ancestors(skeleton.values_list("pk", "parent_id", "status"))
    rows = Comment.objects.filter(pk__in=needed).only(
        "pk",
        "story_id",
        "parent_id",
        "thread_root_id",
        "depth",
        "author_name",
        "is_staff_comment",
        "text",
        "status",
        "submitted_at",
        "edited_at",
    )
    nodes = arrange(
        rows,
        newest_first=order == NEWEST_FIRST,
        levels=settings.NEWSDESK_COMMENT_MAX_DEPTH,
    )
    return Threads(count=count, nodes=nodes, page=page, order=order)


def comment_url(comment: Comment) -> str:
    """The address of `comment` on its story page: the right page of threads, at its anchor."""
    story = comment.story
    if not comment.is_visible:
        return f"{story.get_absolute_url()}#comments"
    root_id = comment.thread_root_id or comment.pk
    root = Comment.objects.filter(pk=root_id).only("submitted_at").first() or comment
    earlier = (
        thread_roots(story)
        .filter(
            Q(submitted_at__lt=root.submitted_at)
            | Q(submitted_at=root.submitted_at, pk__lt=root.pk)
        )
        .count()
    )
    number = earlier // settings.NEWSDESK_COMMENTS_PER_PAGE + 1
    query = f"?comments_page={number}" if number > 1 else ""
    return f"{story.get_absolute_url()}{query}#comment-{comment.pk}"


def reply_node(comment: Comment) -> ThreadNode:
    """A newly published comment as a display node, at the level the story page shows it."""
    last_level = max(settings.NEWSDESK_COMMENT_MAX_DEPTH, 1) - 1
    level = min(comment.depth, last_level)
    in_reply_to = comment.parent if comment.depth > last_level else None
    return ThreadNode(comment, level=level, in_reply_to=in_reply_to)
