"""Story addresses: `/<edition>/<section>/<y>/<m>/<d>/<slug>/`.

`reverse()` resolves the edition's prefix and checks the pattern on every call, about a tenth of
a millisecond; a sitemap page of 5,000 stories and their translations paid it 10,000 times.
`story_path` joins a story's own parts to its edition's prefix (`Article.get_absolute_url` too), and
`StoryAddresses` finds each edition's prefix once for a list.
"""

from datetime import datetime
from urllib.parse import quote

from django.urls import reverse
from django.utils import timezone
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.translation import override

# reverse() percent-encodes what it substitutes, keeping these (django.urls.resolvers).
SAFE = RFC3986_SUBDELIMS + "/~:@"
# Parts the story pattern accepts, reversed to find the edition's prefix and cut off again.
_SAMPLE = {"section": "s", "year": "0000", "month": "00", "day": "00", "slug": "s"}
_SAMPLE_TAIL = "s/0000/00/00/s/"


def edition_prefix(language: str) -> str:
    """`/en/`: what comes before the section in the edition's story addresses."""
    with override(language):
        path = reverse("articles:story", kwargs=_SAMPLE)
    return path.removesuffix(_SAMPLE_TAIL)


def story_path(
    language: str,
    section_slug: str,
    published: datetime | None,
    slug: str,
    *,
    prefix: str | None = None,
) -> str:
    """A story's address in its edition, as `reverse("articles:story", ...)` there gives it,
    dated in the site's time zone (today until it is first published); `prefix` is the
    edition's `edition_prefix`, when known."""
    when = timezone.localtime(published or timezone.now())
    if prefix is None:
        prefix = edition_prefix(language)
    return (
        f"{prefix}{quote(section_slug, safe=SAFE)}/"
        f"{when.year:04d}/{when.month:02d}/{when.day:02d}/{quote(slug, safe=SAFE)}/"
    )


class StoryAddresses:
    """The addresses of many stories, `reverse()` run once per edition (for one request or
    list: the URL configuration may change between tests, so it is not kept longer)."""

    def __init__(self) -> None:
        self._prefixes: dict[str, str] = {}

    def prefix(self, language: str) -> str:
        """The edition's `edition_prefix`, found once."""
        if language not in self._prefixes:
            self._prefixes[language] = edition_prefix(language)
        return self._prefixes[language]

    def path(self, language: str, section_slug: str, published: datetime | None, slug: str) -> str:
        """The story's address (`story_path`), with the edition's prefix found once."""
        return story_path(language, section_slug, published, slug, prefix=self.prefix(language))

    def of(self, story) -> str:
        """The address of `story` (an Article with its section and locale at hand)."""
        from newsdesk.editions.services import language_of

        language = language_of(story.locale if story.locale_id else None)
        return self.path(language, story.section.slug, story.first_published_at, story.slug)
