"""The parts of a story page kept between renders: its tags and corrections, the byline, the
photos and body, the related stories.

A story page rendered again after a purge (a comment approved, a correction elsewhere) mostly
shows what it showed before. Each part is kept in delivery's fragment cache under the story's
version and the language, with the cache keys of what it shows, so a purge that would make the
part stale drops it in every process (docs/apps/articles.md, "Fragments"):

- the tags and corrections: the story's version (corrections are published with it) and the
  `tag-<id>-label` keys of its tags;
- the byline: the story's version, `author-<id>-byline` and `agency-<id>` of its entries;
- the lead photo and body: the version, `photo-<id>` of each photo, and `nav` when the body
  links to a page of the site (a section's address may change);
- the translations (the language switcher and `hreflang`): `story-<id>` of each published
  version of the story; publishing or unpublishing a translation purges every version's key
  (cache_keys.story_change_keys);
- the related stories: `story-<id>` of each shown, with their bylines and photos, and the
  `section-<id>` and `tag-<id>` keys a newly published story in the same section or with a
  shared tag purges. The page itself carries only the keys of what it shows, not those two,
  so publishing a story does not drop every page of its section.

Previews render every part afresh and keep nothing: a draft shares its story's version.
"""

from collections.abc import Iterable

from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from newsdesk.articles import services
from newsdesk.articles.cache_keys import SITE_KEY, story_key
from newsdesk.articles.templatetags.stories import render_story_body
from newsdesk.bylines.services import byline_html
from newsdesk.delivery import cached_fragment, make_key
from newsdesk.editions.services import alternates
from newsdesk.photos.cache_keys import photo_keys
from newsdesk.photos.services import share_image, with_renditions

#: Rich text's mark for a link to a page of the site, whose address lives in the page tree.
_PAGE_LINK = 'linktype="page"'


def story_version(article) -> str:
    """What changes whenever a new version of the story is published."""
    published = article.last_published_at.timestamp() if article.last_published_at else 0
    return f"{article.pk}.{article.live_revision_id or 0}.{published}"


def byline_keys(entries: Iterable) -> list[str]:
    """The keys of the names in a byline."""
    keys = []
    for entry in entries:
        if entry.author_id:
            keys.append(make_key("author", entry.author_id, "byline"))
        if entry.agency_id:
            keys.append(make_key("agency", entry.agency_id))
    return keys


def make_details(article) -> tuple[dict, list[str]]:
    tags = list(article.tags.all())
    corrections = sorted(article.corrections.all(), key=lambda c: c.noted_at)
    keys = [*_own_keys(article), *(make_key("tag", tag.pk, "label") for tag in tags)]
    return {"tags": tags, "corrections": corrections}, keys


def make_byline(article, *, fetch: bool = True) -> tuple[dict, list[str]]:
    """The byline as HTML, and its `authors` for link previews: each staff author's page,
    each agency's name."""
    if fetch:  # not for a preview: its entries are the editor's, in memory
        prefetch_related_objects([article], services.byline_prefetch())
    entries = list(article.byline_entries.all())
    authors = [
        entry.author.get_absolute_url() if entry.author_id else entry.agency.short_name
        for entry in entries
    ]
    credits = {"html": str(byline_html(entries)), "authors": authors}
    return credits, [*_own_keys(article), *byline_keys(entries)]


def make_body(article) -> tuple[dict, list[str]]:
    photos = [article.lead_photo, *services.body_photos(article)]
    with_renditions(photos)
    lead = ""
    if article.lead_photo:
        lead = render_to_string("articles/includes/lead_photo.html", {"photo": article.lead_photo})
    keys = [*_own_keys(article), *photo_keys(photos)]
    if _PAGE_LINK in str(article.body.raw_data):
        keys.append(SITE_KEY)
    body = str(render_story_body(article))
    return {"lead_photo": lead, "body": body, "share_image": share_image(article.lead_photo)}, keys


def make_related(article, tags: list) -> tuple[tuple[str, list[str]], list[str]]:
    stories = services.related_stories(article, tags=tags)
    html = ""
    if stories:
        html = render_to_string("articles/includes/related_stories.html", {"stories": stories})
    shown = [story_key(story.pk) for story in stories]
    for story in stories:
        shown += byline_keys(story.byline_entries.all())
    shown += photo_keys(story.lead_photo for story in stories)
    # What makes another story related: being published in the same section or with a tag.
    changes = [make_key("section", article.section_id)] if article.section_id else []
    changes += [make_key("tag", tag.pk) for tag in tags]
    changes += [make_key("section", story.section_id) for story in stories]  # their addresses
    return (html, shown), [*shown, *changes]


def make_translations(article) -> tuple[list[dict], list[str]]:
    """The published versions of the story in every edition, itself included."""
    versions = list(services.published_translations(article)) if article.pk else []
    if article.live and article.first_published_at and article not in versions:
        versions.append(article)
    keys = [*_own_keys(article), *(story_key(version.pk) for version in versions)]
    return alternates(versions), keys


def _own_keys(article) -> list[str]:
    return [story_key(article.pk)] if article.pk else []  # a new story's preview has no id


def story_parts(article, preview: bool = False) -> dict:
    """The tags and corrections of `article`, its byline, lead photo, body and related stories
    as HTML, and the cache keys of what they show (`fragment_keys`)."""
    if preview:
        details, details_keys = make_details(article)
        byline, byline_page_keys = make_byline(article, fetch=False)
        body, body_keys = make_body(article)
        (related, related_keys), _changes = make_related(article, details["tags"])
        translations, translation_keys = make_translations(article)
    else:
        version = f"{story_version(article)}:{get_language()}"
        details, details_keys = cached_fragment(
            f"story-details:{version}", lambda: make_details(article)
        )
        # "credits", not "byline": the value became a dict (the byline and its authors).
        byline, byline_page_keys = cached_fragment(
            f"story-credits:{version}", lambda: make_byline(article)
        )
        body, body_keys = cached_fragment(f"story-body:{version}", lambda: make_body(article))
        (related, related_keys), _keys = cached_fragment(
            f"story-related:{version}", lambda: make_related(article, details["tags"])
        )
        translations, translation_keys = cached_fragment(
            f"story-translations:{version}", lambda: make_translations(article)
        )
    return {
        "tags": details["tags"],
        "corrections": details["corrections"],
        "byline_html": _safe(byline["html"]),
        "byline_authors": byline["authors"],
        "lead_photo_html": _safe(body["lead_photo"]),
        # None in a body kept from before link previews, until the story's next version.
        "share_image": body.get("share_image"),
        "body_html": _safe(body["body"]),
        "related_html": _safe(related),
        "translations": translations,
        "fragment_keys": [
            *details_keys,
            *byline_page_keys,
            *body_keys,
            *related_keys,
            *translation_keys,
        ],
    }


def _safe(html: str) -> SafeString:
    # Rendered by our templates and tags, which escaped what they were given.
    return mark_safe(html)
