"""Readers' reactions in the Wagtail admin: sortable Yes, No and approval columns on the story
list, and a read-only panel in the story editor.

Added to the story admin through its extension hook (newsdesk/articles/admin_extensions.py).
"""

from django.db.models import F, FloatField, OrderBy, QuerySet, Value
from django.db.models.functions import Cast, Coalesce, NullIf
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import Panel
from wagtail.admin.ui.tables import Column, NumberColumn

from newsdesk.articles.admin_extensions import EXTEND_STORY_ADMIN, StoryAdminExtension
from newsdesk.reactions import services
from newsdesk.reactions.models import ReactionTally

YES, NO, APPROVAL = "reaction_yes", "reaction_no", "reaction_approval"

_yes = Coalesce(F("reaction_tally__yes_count"), 0)
_no = Coalesce(F("reaction_tally__no_count"), 0)
_total = F("reaction_tally__yes_count") + F("reaction_tally__no_count")
# NULL, not 0, before anyone answers: "no answers" sorts apart from "nobody liked it".
_approval = Cast(F("reaction_tally__yes_count"), FloatField()) * Value(100.0) / NullIf(_total, 0)
SORT_EXPRESSIONS = {YES: _yes, NO: _no, APPROVAL: _approval}


def with_reaction_tallies(queryset: QuerySet) -> QuerySet:
    """Fetch each story's tally row with the list page's own query.

    A join, not an annotation: the paginator's COUNT(*) then leaves the tally table out, so
    the unsorted list costs what it did before reactions existed.
    """
    return queryset.select_related("reaction_tally")


def reaction_ordering(ordering: object) -> tuple[OrderBy, ...] | None:
    """The ORDER BY for a reaction column's sort key ("reaction_yes", "-reaction_approval"...).

    None for any other key. Stories nobody answered sort last by approval in both directions;
    ties go to the story with more answers, then the newest, so pages are stable.
    """
    # The list's default ordering is a list of field names: not ours.
    if not isinstance(ordering, str) or ordering.removeprefix("-") not in SORT_EXPRESSIONS:
        return None
    expression = SORT_EXPRESSIONS[ordering.removeprefix("-")]
    if ordering.startswith("-"):
        primary = expression.desc(nulls_last=True)
    else:
        primary = expression.asc(nulls_last=True)
    return (primary, Coalesce(_total, 0).desc(), F("pk").desc())


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
