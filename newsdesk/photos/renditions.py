"""The sizes and formats each place on a page shows a photo in.

Pages serve these renditions (WebP with a JPEG fallback, several widths for `srcset`), never the
upload. The demo loader and `newsdesk` commands can make them ahead of the first reader.
"""

from wagtail.images.models import Filter

#: Where a photo appears, and the filter spec (with brace expansion) used there.
SPECS: dict[str, str] = {
    "story": "format-{webp,jpeg}|width-{480,800,1200}",
    "teaser": "format-{webp,jpeg}|fill-{400x225,800x450}-c80",
    "portrait": "format-{webp,jpeg}|fill-{96x96,192x192}-c100",
}


def filter_specs(place: str) -> list[str]:
    """The expanded filter specs for `place`, e.g. "story"."""
    return Filter.expand_spec(SPECS[place])


def all_filter_specs() -> list[str]:
    return [spec for place in SPECS for spec in filter_specs(place)]
