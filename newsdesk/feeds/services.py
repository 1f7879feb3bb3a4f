"""What feeds list, read in a number of queries that does not grow with the items: the stories
with their bylines, tags and lead photos' renditions, and a story's approved comments."""

import logging

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404
from taggit.models import Tag
from wagtail.images.models import SourceImageIOError

from newsdesk.articles.models import Article
from newsdesk.articles.services import teasers
from newsdesk.bylines.models import Author
from newsdesk.discussion.models import Comment
from newsdesk.discussion.services import thread_roots
from newsdesk.editions.services import current_edition
from newsdesk.photos.renditions import place_filters
from newsdesk.sections.models import SectionPage

logger = logging.getLogger(__name__)

#: Items in each feed of stories or comments.
FEED_LENGTH = 30
#: The lead photo's rendition in feeds: the story page's largest JPEG (readers and aggregators
#: take JPEG everywhere; WebP not yet).
FEED_PHOTO_SPEC = "format-jpeg|width-1200"


def feed_stories(stories: QuerySet[Article], limit: int = FEED_LENGTH) -> list[Article]:
    """The first `limit` of `stories` (from `published_stories`), with their tags and their lead
    photos' renditions: two queries more than the list, whatever its length."""
    return teasers(stories.prefetch_related("tags")[:limit])


def find_section(slug: str) -> SectionPage:
    section = (
        SectionPage.objects.live()
        .public()
        .filter(locale__language_code=current_edition(), slug=slug)
        .first()
    )
    if section is None:
        raise Http404("No such section.")
    return section


def find_author(slug: str) -> Author:
    author = (
        Author.objects.select_related("locale")
        .filter(locale__language_code=current_edition(), slug=slug)
        .first()
    )
    if author is None:
        raise Http404("No such author.")
    return author


def find_tag(slug: str) -> Tag:
    tag = Tag.objects.filter(slug=slug).first()
    if tag is None:
        raise Http404("No such tag.")
    return tag


def find_story(story_id: int) -> Article:
    """The current edition's published story with this id, or 404."""
    story = (
        Article.objects.published()
        .select_related("section", "locale")
        .filter(pk=story_id, locale__language_code=current_edition())
        .first()
    )
    if story is None:
        raise Http404("No such story.")
    return story


def feed_photo(photo, absolute) -> dict | None:
    """The lead photo's feed rendition and its words, addresses made absolute by `absolute`;
    None when there is no photo or its file cannot be read."""
    if photo is None:
        return None
    (spec,) = [one for one in place_filters("story") if one.spec == FEED_PHOTO_SPEC]
    try:
        rendition = photo.get_renditions(spec)[FEED_PHOTO_SPEC]
    except SourceImageIOError:
        logger.warning("Photo %s has no feed rendition", photo.pk, exc_info=True)
        return None
    try:
        length = rendition.file.size
    except OSError:
        length = 0  # RSS's rule for a length it does not know
    return {
        "url": absolute(rendition.url),
        "type": "image/jpeg",
        "width": rendition.width,
        "height": rendition.height,
        "length": length,
        "caption": photo.caption,
        "credit": photo.credit,
        "alt_text": photo.alt_text,
    }


def feed_comments(story: Article, limit: int = FEED_LENGTH) -> list[Comment]:
    """The story's newest approved comments, newest first, each with `page`: the page of the
    story's threads that shows it (one more query, for the whole list)."""
    comments = list(
        Comment.objects.visible().filter(story=story).order_by("-submitted_at", "-pk")[:limit]
    )
    if comments:
        order = thread_roots(story).order_by("submitted_at", "pk").values_list("pk", flat=True)
        position = {pk: index for index, pk in enumerate(order)}
        per_page = settings.NEWSDESK_COMMENTS_PER_PAGE
        for comment in comments:
            root = comment.thread_root_id or comment.pk
            comment.page = position.get(root, 0) // per_page + 1
    return comments
