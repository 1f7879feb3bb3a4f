"""Readers' reactions in the Wagtail admin: sortable Yes, No and approval columns on the story
list, and a read-only panel in the story editor.

Added to the story admin through its extension hook (newsdesk/articles/admin_extensions.py).
"""

from functools import cache

from django.db import connections
from django.db.models import Exists, F, OrderBy, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import Panel
from wagtail.admin.ui.tables import Column, NumberColumn

from newsdesk.articles.admin_extensions import EXTEND_STORY_ADMIN, StoryAdminExtension
from newsdesk.articles.paginators import ArchivePaginator
from newsdesk.reactions import services
from newsdesk.reactions.models import ReactionTally

YES, NO, APPROVAL = "reaction_yes", "reaction_no", "reaction_approval"

#: The tally column each sort key sorts by; indexed per direction (models.ReactionTally.Meta).
SORT_COLUMNS = {YES: "yes_count", NO: "no_count", APPROVAL: "approval"}

_yes = Coalesce(F("reaction_tally__yes_count"), 0)
_no = Coalesce(F("reaction_tally__no_count"), 0)
_total = Coalesce(F("reaction_tally__answers"), 0)
# Stored by the database (ReactionTally.approval): NULL, not 0, before anyone answers, so "no
# answers" sorts apart from "nobody liked it".
_approval = F("reaction_tally__approval")
SORT_EXPRESSIONS = {YES: _yes, NO: _no, APPROVAL: _approval}
# Ties go to the story with more answers, then the newest, in both directions.
_TIE_BREAKS = (_total.desc(), F("pk").desc())


class ReactionOrderBy(OrderBy):
    """The primary ORDER BY of a reaction column, marked so that `FirstPageFromIndexes` knows it."""

    def __init__(self, sort_key: str) -> None:
        self.sort_key = sort_key
        super().__init__(
            SORT_EXPRESSIONS[sort_key.removeprefix("-")],
            descending=sort_key.startswith("-"),
            nulls_last=True,
        )


def with_reaction_tallies(queryset: QuerySet) -> QuerySet:
    """Fetch each story's tally row with the list page's own query.

    A join, not an annotation: the paginator's COUNT(*) then leaves the tally table out, so
    the unsorted list costs what it did before reactions existed. The queryset also learns to
    read a page sorted by a reaction column from the tally's indexes (`FirstPageFromIndexes`).
    """
    queryset = queryset.select_related("reaction_tally")
    # A copy of the same family (same query, same lookups), that also knows how to slice.
    queryset.__class__ = _first_page_from_indexes(type(queryset))
    return queryset


def reaction_ordering(ordering: object) -> tuple[OrderBy, ...] | None:
    """The ORDER BY for a reaction column's sort key ("reaction_yes", "-reaction_approval"...).

    None for any other key. Stories nobody answered count as 0 Yes and 0 No, and sort last by
    approval in both directions; ties go to the story with more answers, then the newest, so
    pages are stable.
    """
    # The list's default ordering is a list of field names: not ours.
    if not isinstance(ordering, str) or ordering.removeprefix("-") not in SORT_EXPRESSIONS:
        return None
    return (ReactionOrderBy(ordering), *_TIE_BREAKS)


class FirstPageFromIndexes:
    """Mixed into the story list's queryset class: a slice of the list sorted by a reaction
    column is read from the tally's indexes instead of sorting every story.

    No index can give that ORDER BY over the LEFT JOIN of stories and tallies: the sort keys
    live in the joined table and most stories have no row there. So the stories are taken in
    two parts that each come in index order: those with answers, in the order of the sort key
    (ReactionTally's indexes), and those without (no tally row, or one with no answers), which
    all tie on the sort key and on the number of answers and so come newest first (the primary
    key). The first `stop` stories of the list are among the first `stop` of each part, so the
    slice is taken, with the same ORDER BY, from the stories among those candidates: still one
    statement, the same rows in the same order, at a cost set by the page and not by the size
    of the archive. Filters and searches narrow both parts alike.
    """

    def __getitem__(self, k):
        sort_key = self._reaction_sort_key()
        stop = k.stop if isinstance(k, slice) else k + 1 if isinstance(k, int) else None
        # A slice past the list's last page is not a page: it is the search backend counting
        # the matches up to the cap, where reading candidates would cost more than the sort.
        if sort_key is None or stop is None or not 0 < stop <= ArchivePaginator.limit:
            return super().__getitem__(k)
        return self._among_first_of_each_part(sort_key, stop)[k]

    def _reaction_sort_key(self) -> str | None:
        query = self.query
        if self._result_cache is not None or query.is_sliced or query.combinator:
            return None
        if not query.order_by or not isinstance(query.order_by[0], ReactionOrderBy):
            return None
        return query.order_by[0].sort_key

    def _among_first_of_each_part(self, sort_key: str, stop: int) -> QuerySet:
        key = F(f"reaction_tally__{SORT_COLUMNS[sort_key.removeprefix('-')]}")
        answered = (
            self.filter(reaction_tally__answers__gt=0)
            # As the indexes hold them: answered rows have values, so no COALESCE or NULLS LAST.
            .order_by(
                key.desc() if sort_key.startswith("-") else key.asc(),
                F("reaction_tally__answers").desc(),
                F("pk").desc(),
            )
            .values("pk")[:stop]
        )
        with_answers = ReactionTally.objects.filter(story=OuterRef("pk"), answers__gt=0)
        unanswered = self.filter(~Exists(with_answers)).order_by("-pk").values("pk")[:stop]
        if connections[self.db].features.supports_slicing_ordering_in_compound:
            candidates = Q(pk__in=answered.union(unanswered, all=True))
        else:  # SQLite allows no LIMIT inside a UNION; it looks both lists up by key anyway.
            candidates = Q(pk__in=answered) | Q(pk__in=unanswered)
        # The same ORDER BY over at most 2 * stop stories, no longer marked: sliced as it is.
        ordering = self.query.order_by
        unmarked = OrderBy(ordering[0].expression, ordering[0].descending, nulls_last=True)
        return self.filter(candidates).order_by(unmarked, *ordering[1:])


@cache
def _first_page_from_indexes(queryset_class: type[QuerySet]) -> type[QuerySet]:
    if issubclass(queryset_class, FirstPageFromIndexes):
        return queryset_class
    return type(
        f"{queryset_class.__name__}WithFirstPageFromIndexes",
        (FirstPageFromIndexes, queryset_class),
        {},
    )


def results_of(story) -> services.Results:
    """The counts of a story fetched by `with_reaction_tallies`; zeros when nobody answered."""
    try:
        tally = story.reaction_tally
    except ReactionTally.DoesNotExist:
        return services.Results()
    return services.Results(tally.yes_count, tally.no_count)


def approval_display(story) -> str:
    """The share of Yes as readers see it (same rounding), e.g. "75%"; "" before any answer."""
    results = results_of(story)
    return f"{results.yes_percent}%" if results.total else ""


class ApprovalColumn(Column):
    empty_value_display = "—"


def reaction_columns() -> list[Column]:
    """Yes, No and approval columns for a story list fetched by `with_reaction_tallies`."""
    return [
        NumberColumn(
            YES, label=_("Yes"), accessor=lambda story: results_of(story).yes, sort_key=YES
        ),
        NumberColumn(NO, label=_("No"), accessor=lambda story: results_of(story).no, sort_key=NO),
        ApprovalColumn(APPROVAL, label=_("Approval"), accessor=approval_display, sort_key=APPROVAL),
    ]


class ReactionTallyPanel(Panel):
    """A read-only line in the story editor: how readers answered "Do you like this article?"."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("heading", _("Readers' reactions"))
        super().__init__(*args, **kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "reactions/admin/tally_panel.html"

        def get_context_data(self, parent_context=None) -> dict:
            context = super().get_context_data(parent_context)
            pk = getattr(self.instance, "pk", None)
            context["results"] = services.results_for(self.instance) if pk else None
            return context


@hooks.register(EXTEND_STORY_ADMIN)
def story_admin_extension() -> StoryAdminExtension:
    return StoryAdminExtension(
        columns=reaction_columns(),
        panels=[ReactionTallyPanel()],
        prepare_queryset=with_reaction_tallies,
        ordering=reaction_ordering,
    )
