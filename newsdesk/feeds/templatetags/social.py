"""`{% social_tags %}`: the canonical link, robots directive, Open Graph and Twitter card tags of
a reader page, in base.html's `social` block.

A page fills the block from what its context already holds: `{% social_tags title=page.title %}`,
or `{% social_tags story=article %}` on a story (its tags, photo and authors come from the story
page's fragments, so the tags cost no query). No argument gives the site's own card.
"""

from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.utils.translation import get_language, to_locale

register = template.Library()

#: The territory Open Graph's `language_TERRITORY` takes for a bare language code (Facebook's
#: own list names these); a code with a territory (`pt-br`) keeps its own.
LIKELY_TERRITORIES = {
    "ar": "AR",
    "de": "DE",
    "en": "US",
    "es": "ES",
    "fa": "IR",
    "fr": "FR",
    "he": "IL",
    "it": "IT",
    "kk": "KZ",
    "ru": "RU",
    "tr": "TR",
    "uk": "UA",
}


def og_locale(language: str) -> str:
    """Open Graph's form of a language code: "en" -> "en_US", "pt-br" -> "pt_BR"."""
    locale = to_locale(language)
    if "_" in locale or language not in LIKELY_TERRITORIES:
        return locale
    return f"{locale}_{LIKELY_TERRITORIES[language]}"


def canonical_url(request, page_number: int | None = None, *, query: str = "") -> str:
    """The page's absolute address, with its page number when past the first (`?page=2`), and
    on search pages the query: nothing else a link may have added."""
    kept = [("q", query)] if query else []
    if page_number and page_number > 1:
        kept.append(("page", page_number))
    url = request.build_absolute_uri(request.path)
    return f"{url}?{urlencode(kept)}" if kept else url


@register.inclusion_tag("feeds/social_tags.html", takes_context=True)
def social_tags(
    context,
    title: str = "",
    description: str = "",
    kind: str = "website",
    story=None,
    noindex: bool = False,
    query: str = "",
) -> dict:
    request = context.get("request")
    if request is None:
        return {}
    absolute = request.build_absolute_uri
    tags = {
        # The number of the page of a list (stories, live entries) the view shows, if any.
        "canonical": canonical_url(request, context.get("page_number"), query=query),
        "robots": "noindex" if noindex or context.get("is_preview") else "max-image-preview:large",
        # The name the page shows (its Wagtail site's), as feeds and structured data give it.
        "site_name": context.get("site_name") or settings.WAGTAIL_SITE_NAME,
        "title": title or context.get("site_name") or settings.WAGTAIL_SITE_NAME,
        "description": description,
        "type": kind,
        "locale": og_locale(get_language()),
        "alternate_locales": [
            og_locale(item["language"])
            for item in context.get("translations") or ()
            if item["language"] != get_language()
        ],
    }
    if story is not None:
        image = context.get("share_image")
        tags.update(
            title=title or story.headline,
            description=description or story.standfirst,
            type="article",
            image={**image, "url": absolute(image["url"])} if image else None,
            article={
                "published_time": story.first_published_at,
                "modified_time": _last_change(story),
                "section": story.section.title,
                "tags": [tag.name for tag in context.get("tags") or ()],
                "authors": [
                    absolute(author) if author.startswith("/") else author
                    for author in context.get("byline_authors") or ()
                ],
            },
        )
    return tags


def _last_change(story):
    """When the story last changed: its latest publication or its shown update time."""
    times = [story.first_published_at, story.last_published_at, story.displayed_update]
    return max((when for when in times if when), default=None)
