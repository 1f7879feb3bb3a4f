"""Keeping a story's discussion fresh in cached pages when its comments change.

Two layers, explained in docs/discussion-caching.md:

- a per-story version in the cache every process shares (delivery's `shared_cache`), changed
  whenever a comment of the story is published, withdrawn, edited or deleted; the rendered
  threads are cached under it;
- a purge of the story's `comments-<id>` key through delivery, after the transaction commits,
  so the embedded page cache and every proxy drop the story page.

Cache headers of the story page itself belong to delivery (newsdesk/delivery/).
"""

import uuid

from newsdesk.articles.cache_keys import comments_key
from newsdesk.delivery import purge, shared_cache


def _version_key(story_id: int) -> str:
    return f"newsdesk:discussion:story:{story_id}:version"


def story_version(story_id: int) -> str:
    """The current version of a story's discussion; a new one is made if the cache lost it."""
    cache = shared_cache()
    key = _version_key(story_id)
    version = cache.get(key)
    if version is None:
        # A random version, not a counter: a version evicted from the cache and made again
        # can never coincide with one that rendered fragments are still stored under.
        version = uuid.uuid4().hex
        if not cache.add(key, version, timeout=None):
            version = cache.get(key, version)
    return version


def threads_cache_key(story_id: int, *parts: object) -> str:
    """Where the rendered threads of one story page variant are cached, under its version."""
    variant = ":".join(str(part) for part in parts)
    return f"newsdesk:discussion:threads:{story_id}:{story_version(story_id)}:{variant}"


def story_changed(story_id: int) -> None:
    """Forget the story's rendered threads now, and purge its cached pages on commit."""
    shared_cache().set(_version_key(story_id), uuid.uuid4().hex, timeout=None)
    purge([comments_key(story_id)], urls=lambda: _story_urls(story_id))


def _story_urls(story_id: int) -> list[str]:
    from newsdesk.articles.models import Article

    story = Article.objects.select_related("section").filter(pk=story_id).first()
    if story is None or not story.first_published_at:
        return []
    return [story.get_absolute_url()]


def on_comment_changed(sender, comment, **kwargs) -> None:
    """Receiver for comment_published and comment_withdrawn."""
    story_changed(comment.story_id)


def on_comment_saved(sender, instance, created: bool = False, **kwargs) -> None:
    """Receiver for post_save: a visible comment's text or name may have changed."""
    # New comments that are not visible change nothing readers see; skip the churn a
    # flood of held or spam comments would otherwise cause.
    if instance.status == instance.Status.APPROVED and not created:
        story_changed(instance.story_id)


def on_comment_deleted(sender, instance, **kwargs) -> None:
    """Receiver for post_delete."""
    story_changed(instance.story_id)
