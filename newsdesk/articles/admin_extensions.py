"""How other apps add to the story list and editor in the admin, without articles knowing them.

An app registers a function under the Wagtail hook `EXTEND_STORY_ADMIN` that returns a
`StoryAdminExtension`: columns for the story list, the ORDER BY for the sort keys of those
columns, a step that prepares the list's queryset for them, and panels for the story editor.
Readers' reactions are added this way (newsdesk/reactions/wagtail_hooks.py); so can a site's own
app.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache

from django.db.models import OrderBy, QuerySet
from wagtail import hooks

#: The Wagtail hook name.
EXTEND_STORY_ADMIN = "newsdesk_extend_story_admin"


def _unchanged(queryset: QuerySet) -> QuerySet:
    return queryset


def _no_ordering(sort_key: str) -> None:
    return None


@dataclass(frozen=True)
class StoryAdminExtension:
    """What one app adds to the story list and the story editor."""

    #: Columns appended to the story list.
    columns: Sequence = ()
    #: Panels appended to the story editor.
    panels: Sequence = ()
    #: Prepares the list's queryset for the columns (e.g. a join); runs on every list request.
    prepare_queryset: Callable[[QuerySet], QuerySet] = _unchanged
    #: The ORDER BY for a sort key ("reaction_yes", "-reaction_yes") this app owns, else None.
    ordering: Callable[[str], Sequence[OrderBy] | None] = field(default=_no_ordering)


@cache
def story_admin_extensions() -> tuple[StoryAdminExtension, ...]:
    """Every app's extension, in the order the apps are installed.

    Built once: hooks are registered when the apps' wagtail_hooks modules are imported, and the
    list asks for the extensions several times on every request.
    """
    return tuple(extend() for extend in hooks.get_hooks(EXTEND_STORY_ADMIN))
