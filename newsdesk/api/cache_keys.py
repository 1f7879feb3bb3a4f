"""Which keys the API's responses carry, and purging its lists (docs/apps/api.md, "Caching").

A response showing a story carries the same keys as the story's page (`story-<id>`,
`comments-<id>` for its comment count, `author-<id>-byline`, `agency-<id>`, `tag-<id>-label`,
`photo-<id>`), plus `nav` for its section's name and language. So editing a story, a comment,
an author, an agency, a tag or a photo purges every API response that shows it, through the
receivers those apps already have. What no existing key covers is a list gaining a member: a
story published, an author added. The lists carry their own keys, purged here.
"""

from collections.abc import Iterable

from newsdesk.articles.cache_keys import SITE_KEY, comments_key, story_key
from newsdesk.delivery import make_key, purge

#: Every list of stories (and of tags, which lists those used by published stories).
STORIES_KEY = "api-stories"
AUTHORS_KEY = "api-authors"
AGENCIES_KEY = "api-agencies"
TAGS_KEY = "api-tags"
#: Sections are pages: their list carries `nav`, purged whenever a section changes.
SECTIONS_KEY = SITE_KEY

_LIST_KEYS = {"Author": AUTHORS_KEY, "Agency": AGENCIES_KEY, "Tag": TAGS_KEY}


def story_keys(story) -> list[str]:
    """What one story in a response shows: itself, its comment count, names and photos.

    Needs the story's byline entries and tags prefetched (services.py), and its photos
    (`story.api_photos`) found.
    """
    keys = [SITE_KEY, story_key(story.pk), comments_key(story.pk)]
    for entry in story.byline_entries.all():
        if entry.author_id:
            keys.append(make_key("author", entry.author_id, "byline"))
        else:
            keys.append(make_key("agency", entry.agency_id))
    keys += [make_key("tag", tag.pk, "label") for tag in story.tags.all()]
    keys += [make_key("photo", photo.pk) for photo in getattr(story, "api_photos", ())]
    return keys


def story_list_keys(stories: Iterable) -> list[str]:
    keys = [STORIES_KEY]
    for story in stories:
        keys += story_keys(story)
    return keys


def purge_story_lists(sender, instance, **kwargs) -> None:
    """Receiver for a story published, unpublished or deleted: it joins or leaves the lists."""
    purge([STORIES_KEY])


def purge_story_lists_saved(sender, instance, **kwargs) -> None:
    """Receiver for post_save: a live story saved outside publishing (an import, a script)."""
    if instance.live and instance.first_published_at:
        purge([STORIES_KEY])


def purge_list_of(sender, instance, **kwargs) -> None:
    """Receiver for Author, Agency and Tag saves and deletes: their list changes."""
    purge([_LIST_KEYS[sender.__name__]])
