"""Paginators for lists that may match most of a million-story archive."""

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.translation import ngettext
from wagtail.admin.paginator import WagtailPaginator

from newsdesk.localisation.digits import with_reader_digits


def grouped(count: int) -> str:
    """ "10,000" in English, "10 000" in Russian: the active language's thousands separator."""
    return number_format(count, force_grouping=True)


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

    @cached_property
    def results_label(self) -> str:
        """ "1 result", "23 results", pluralised and in the reader's digits; "about 1,000
        results" past the limit."""
        count = self.count
        shown = with_reader_digits(grouped(count))
        if self.is_capped:
            return ngettext("about %(count)s result", "about %(count)s results", count) % {
                "count": shown
            }
        return ngettext("%(count)s result", "%(count)s results", count) % {"count": shown}


class ArchivePaginator(CountUpToLimit, WagtailPaginator):
    """The story list's paginator: counts up to 10,000 (1,000 matches of a search), then says
    "More than 10,000 stories".

    Past ten thousand, editors narrow the list with filters or search rather than page through it.
    """

    limit = 10_000
    #: The limit while searching.
    search_limit = 1_000

    @cached_property
    def items_count_label(self) -> str:
        count = self.count
        if self.is_capped:
            return ngettext("More than %(count)s story", "More than %(count)s stories", count) % {
                "count": grouped(count)
            }
        return ngettext("%(count)s story", "%(count)s stories", count) % {"count": grouped(count)}
