"""Which keys the API's responses carry (docs/apps/api.md, "Caching"; docs/apps/delivery.md).

A response showing a story carries the keys the story's page carries for the same things
(`story-<id>`; `comments-<id>` for its comment count; `author-<id>-byline`, `agency-<id>`,
`tag-<id>-label`, `photo-<id>`; `nav` for its section's name and language). So a change to a
story, a comment, an author, an agency, a tag or a photo purges every API response showing it,
through the purges those apps already make: the API adds no receiver and no purge of its own.

A list also changes when something joins it (a story published, an author added). The API's
lists are feeds in JSON, and carry `feed`, which every story change, and every section, author,
agency and site change, already purges; the sections list carries `nav`, purged when a
section is published, moved or removed.
"""

from collections.abc import Iterable

from newsdesk.api.services import byline_of, tags_of
from newsdesk.articles.cache_keys import SITE_KEY, comments_key, story_key
from newsdesk.delivery import make_key
from newsdesk.live.cache_keys import live_key
from newsdesk.live.reading import entry_keys

#: On every list whose members a story, author or agency change may add or remove.
LIST_KEY = "feed"
#: On the sections list: sections are pages in the navigation.
SECTIONS_KEY = SITE_KEY


def story_keys(story) -> list[str]:
    """What one story in a response shows: itself, its comment count, names and photos.

    Needs the story's byline entries and tags prefetched (services.py), and its photos
    (`story.api_photos`) found.
    """
    keys = [SITE_KEY, story_key(story.pk), comments_key(story.pk)]
    for entry in byline_of(story):
        if entry.author_id:
            keys.append(make_key("author", entry.author_id, "byline"))
        else:
            keys.append(make_key("agency", entry.agency_id))
    keys += [make_key("tag", tag.pk, "label") for tag in tags_of(story)]
    keys += [make_key("photo", photo.pk) for photo in getattr(story, "api_photos", ())]
    return keys


def story_list_keys(stories: Iterable) -> list[str]:
    keys = [LIST_KEY]
    for story in stories:
        keys += story_keys(story)
    return keys


def live_keys(page) -> list[str]:
    """A page of live entries: the coverage (purged on every entry change), its story, the
    credited names and photos, and the stories entries were broken out into."""
    keys = [SITE_KEY, live_key(page.coverage.pk), story_key(page.coverage.story_id)]
    for entry in page.entries:
        keys += [make_key("author", a.pk, "byline") for a in entry.authors.all()]
        if entry.agency_id:
            keys.append(make_key("agency", entry.agency_id))
    keys += entry_keys(page.entries)
    return list(dict.fromkeys(keys))
