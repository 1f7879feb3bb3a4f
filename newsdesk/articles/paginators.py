"""Paginators for lists that may match most of a million-story archive."""

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property


class CountUpToLimit:
    """Counts the matching stories up to `limit`, not every one of them.

    Mixed into a paginator: past the limit the last page is the one holding the limit-th story,
    and `is_capped` says there are more. Counting everything that a common word or an unfiltered
    list matches in a million stories cost more than fetching the page (bench/million_stories.py).
    """

    limit = 10_000

    @cached_property
    def counted(self) -> int:
        """The matching stories, counted up to one more than the limit."""
        matching = self.object_list
        if isinstance(matching, QuerySet):
            # Only the ids: no joins, annotations or sort that the page itself needs.
            matching = matching.order_by().values("pk")
        # COUNT(*) over a LIMIT subquery: it stops at limit + 1 rows.
        return matching[: self.limit + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self.counted, self.limit)

    @property
    def is_capped(self) -> bool:
        return self.counted > self.limit


class StoryPaginator(CountUpToLimit, Paginator):
    """For readers' lists: a thousand stories, 84 pages of twelve, is further than anyone pages."""

    limit = 1_000
