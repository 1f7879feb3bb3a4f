"""Which cached pages show a story, and purging them when it changes (docs/apps/delivery.md).

A story page carries `story-<id>`, `comments-<id>` (its discussion), the bylines and tags it
names and the stories it links to; each list of stories carries its own key and one `story-<id>`
for each story it shows. A change to a story purges its key and the lists it may now join.
"""

from collections.abc import Iterable

from newsdesk.delivery import make_key, purge

#: On every reader page that shows the site's navigation and settings.
SITE_KEY = "nav"
#: On the corrections page and feed: any story change may add a story to them.
CORRECTIONS_KEY = "corrections"


def story_key(story_id: int) -> str:
    return make_key("story", story_id)


def comments_key(story_id: int) -> str:
    return make_key("comments", story_id)


def stories_keys(stories: Iterable) -> list[str]:
    """The keys of a page listing `stories`."""
    return [story_key(story.pk) for story in stories if story is not None]


def story_page_keys(context: dict) -> list[str]:
    """The keys of a story page, from its template context (`services.story_context`)."""
    article = context["article"]
    keys = [SITE_KEY, story_key(article.pk), comments_key(article.pk)]
    # The tags' names, the byline's, the photos and the related stories (articles/fragments.py).
    keys += context["fragment_keys"]
    return keys


def story_change_keys(article) -> list[str]:
    """What a change to `article` (publish, edit, correction, unpublish) purges.

    The story's versions in the other editions are purged too: their language switcher and
    `hreflang` name this one (and the sitemaps list it as their alternate).
    """
    keys = [story_key(article.pk), "front", "feed", "sitemap", "search", CORRECTIONS_KEY]
    keys += [story_key(pk) for pk in translation_ids(article)]
    keys.append(make_key("section", article.section_id))
    for entry in article.byline_entries.all():
        if entry.author_id:
            keys.append(make_key("author", entry.author_id))
    keys += [make_key("tag", tag.pk) for tag in article.tags.all()]
    return keys


def translation_ids(article) -> list[int]:
    """The ids of the story's versions in the other editions, published or not."""
    if not article.translation_key:
        return []
    return list(
        type(article)
        .objects.filter(translation_key=article.translation_key)
        .exclude(pk=article.pk)
        .values_list("pk", flat=True)
    )


def story_urls(article) -> list[str]:
    """The addresses a change to `article` touches in its edition, for proxies that purge by
    address: its front page, the story and its section."""
    from django.urls import reverse

    from newsdesk.editions.services import in_edition

    with in_edition(article.locale if article.locale_id else None):
        urls = [reverse("wagtail_serve", args=[""])]
    if article.first_published_at:
        urls.append(article.get_absolute_url())
    section_url = article.section.get_url() if article.section_id else None
    if section_url:
        urls.append(section_url)
    return urls


def purge_story(sender, instance, **kwargs) -> None:
    """Receiver for Wagtail's published and unpublished signals, and for Article deletes.

    Publishing covers a new story, an edit or a correction of a live one (published as a new
    revision) and a scheduled story going live (`publish_scheduled` publishes its revision).
    """
    if instance.pk:
        purge(story_change_keys(instance), urls=lambda: story_urls(instance))


def purge_story_saved(sender, instance, created: bool = False, **kwargs) -> None:
    """Receiver for post_save: a live story saved, by publishing or outside it (an import, a
    script), and so a story whose first publication an import changed."""
    if instance.live and instance.first_published_at:
        purge(story_change_keys(instance), urls=lambda: story_urls(instance))


def purge_tag(sender, instance, **kwargs) -> None:
    """Receiver for taggit Tag saves and deletes: its page and the stories showing its name."""
    purge([make_key("tag", instance.pk), make_key("tag", instance.pk, "label")])
