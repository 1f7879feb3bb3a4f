"""Writing a byline: "A", "A and AFP", "A, B and AFP", in the reader's language."""

from collections.abc import Sequence

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, pgettext


def join_credits(names: Sequence[str]) -> str:
    """Join names as a byline does: commas between all but the last two, "and" before the last."""
    if len(names) < 2:
        return names[0] if names else ""
    return gettext("%(names)s and %(last)s") % {
        "names": pgettext("byline: between names", ", ").join(names[:-1]),
        "last": names[-1],
    }


def byline_html(entries) -> SafeString:
    """The byline of a story's entries as HTML, each author linked to their profile page.

    Each name is a `<bdi>`: a Latin name in an Arabic byline (or the reverse) keeps the commas
    and "and" of the page's language in their place.
    """
    parts = []
    for entry in entries:
        if entry.author_id:
            parts.append(
                format_html(
                    '<a href="{}" rel="author"><bdi>{}</bdi></a>',
                    entry.author.get_absolute_url(),
                    entry.author.name,
                )
            )
        elif entry.agency_id:
            parts.append(format_html('<bdi class="agency">{}</bdi>', entry.agency.short_name))
    # The names are escaped HTML already; escape what the translation adds around them.
    if len(parts) < 2:
        return mark_safe(parts[0]) if parts else mark_safe("")
    glue = {
        "names": conditional_escape(pgettext("byline: between names", ", ")).join(parts[:-1]),
        "last": parts[-1],
    }
    return mark_safe(conditional_escape(gettext("%(names)s and %(last)s")) % glue)


def byline_text(entries) -> str:
    """The byline as plain text, for feeds and metadata."""
    return join_credits([e.author.name if e.author_id else e.agency.short_name for e in entries])
