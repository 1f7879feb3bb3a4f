"""What the content API reads: published stories and what they name, filtered and paged.

Views turn requests into the arguments here and the results into JSON; everything the API
may show is chosen here, so it never shows a draft, an unpublished story or its photos. Each
function costs a fixed number of SQL queries whatever the page holds (pinned in
tests/api/test_query_counts.py).
"""

import base64
import binascii
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.conf import settings
from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from taggit.models import Tag

from newsdesk.articles.models import Article, ArticleTag, BylineEntry
from newsdesk.bylines.models import Agency, Author
from newsdesk.discussion.models import Comment
from newsdesk.live.models import LiveCoverage, LiveEntry
from newsdesk.live.reading import shown_entries
from newsdesk.live.reading import with_photos as with_entry_photos
from newsdesk.photos.models import Photo
from newsdesk.photos.services import with_renditions
from newsdesk.sections.models import SectionPage


class BadParameter(ValueError):
    """A query parameter the API cannot use; the 400 names it and says why."""

    def __init__(self, parameter: str, message: str):
        super().__init__(f"{parameter}: {message}")
        self.parameter = parameter
        self.message = message


#: `?ordering=` values: the field sorted on (ties broken by id in the same direction).
ORDERINGS = {
    "-published": "first_published_at",
    "published": "first_published_at",
    "-modified": "last_published_at",
    "modified": "last_published_at",
    "headline": "headline",
    "-headline": "headline",
}
DEFAULT_ORDERING = "-published"
#: The most items a page may hold (`?limit=`).
MAX_PAGE_SIZE = 100


@dataclass
class StoryFilters:
    """What a reader of the API asked the story list for; every field optional."""

    section: str | None = None
    author: str | None = None
    agency: str | None = None
    tag: str | None = None
    language: str | None = None
    published_after: datetime | None = None
    published_before: datetime | None = None
    modified_after: datetime | None = None
    ordering: str = DEFAULT_ORDERING
    cursor: str | None = None
    limit: int | None = None


@dataclass
class StoryPage:
    """One page of stories and the cursor of the next (None on the last page)."""

    stories: list[Article]
    next_cursor: str | None
    limit: int
    keys: list[str] = field(default_factory=list)


def language_of(story: Article) -> str:
    """The story's language: its section's (a Wagtail locale), as a BCP 47 tag."""
    return story.section.locale.language_code


def comment_counts() -> Subquery:
    """How many comments readers see under each story, as discussion counts them."""
    visible = (
        Comment.objects.visible()
        .filter(story=OuterRef("pk"))
        .order_by()
        .values("story")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(visible, output_field=IntegerField()), 0)


def published_stories() -> QuerySet[Article]:
    """Published stories with what the API shows of each joined or prefetched.

    The byline and tags are prefetched into plain lists (`byline_of`, `tags_of` read them):
    modelcluster's managers build a new queryset on every `.all()`, which cost more than the
    rest of a story's JSON together.
    """
    byline = Prefetch(
        "byline_entries",
        queryset=BylineEntry.objects.select_related("author", "agency").order_by("sort_order"),
        to_attr="api_byline",
    )
    tagged = Prefetch(
        "tagged_items",
        queryset=ArticleTag.objects.select_related("tag").order_by("tag__name", "tag_id"),
        to_attr="api_tagged",
    )
    return (
        Article.objects.published()
        .select_related("section", "section__locale", "locale", "lead_photo")
        .annotate(comment_count=comment_counts())
        .prefetch_related(byline, tagged)
    )


def byline_of(story: Article) -> list[BylineEntry]:
    """The story's byline entries in order, prefetched or read now."""
    if hasattr(story, "api_byline"):
        return story.api_byline
    return list(story.byline_entries.select_related("author", "agency").order_by("sort_order"))


def tags_of(story: Article) -> list[Tag]:
    """The story's tags by name, prefetched or read now."""
    if hasattr(story, "api_tagged"):
        return [item.tag for item in story.api_tagged]
    return list(story.tags.order_by("name", "pk"))


def known_languages() -> set[str]:
    return {code.lower() for code, _name in settings.LANGUAGES}


def page_size(limit: int | None) -> int:
    """The page size asked for, or the site's default (kept within 1 to MAX_PAGE_SIZE)."""
    if limit is None:
        return max(1, min(settings.NEWSDESK_API_PAGE_SIZE, MAX_PAGE_SIZE))
    if not 1 <= limit <= MAX_PAGE_SIZE:
        raise BadParameter("limit", f"must be between 1 and {MAX_PAGE_SIZE}")
    return limit


def filtered(filters: StoryFilters) -> QuerySet[Article]:
    """The published stories matching `filters`, unordered."""
    stories = published_stories()
    if filters.section:
        stories = stories.filter(section__slug=filters.section)
    if filters.author:
        stories = stories.filter(
            Exists(BylineEntry.objects.filter(article=OuterRef("pk"), author__slug=filters.author))
        )
    if filters.agency:
        stories = stories.filter(
            Exists(
                BylineEntry.objects.filter(
                    article=OuterRef("pk"), agency__short_name__iexact=filters.agency
                )
            )
        )
    if filters.tag:
        stories = stories.filter(
            Exists(ArticleTag.objects.filter(content_object=OuterRef("pk"), tag__slug=filters.tag))
        )
    if filters.language:
        language = filters.language.lower()
        if language not in known_languages():
            raise BadParameter(
                "language", f"unknown language; one of {', '.join(sorted(known_languages()))}"
            )
        stories = stories.filter(section__locale__language_code__iexact=language)
    after = aware(filters.published_after, "published_after")
    before = aware(filters.published_before, "published_before")
    if after and before and after > before:
        raise BadParameter("published_after", "is later than published_before")
    if after:
        stories = stories.filter(first_published_at__gte=after)
    if before:
        stories = stories.filter(first_published_at__lt=before)
    modified = aware(filters.modified_after, "modified_after")
    if modified:
        stories = stories.filter(last_published_at__gte=modified)
    return stories


def aware(moment: datetime | None, parameter: str) -> datetime | None:
    """`moment` in UTC; one given without a time zone is in the site's time zone.

    BadParameter when it cannot be (the first or last hours of year 1 or 9999 in some zones).
    """
    if moment is None:
        return None
    try:
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        return moment.astimezone(UTC)
    except (OverflowError, ValueError):
        raise BadParameter(parameter, "is too close to the ends of the calendar") from None


def story_page(filters: StoryFilters) -> StoryPage:
    """One page of stories in the asked order, from the cursor on. Four queries."""
    if filters.ordering not in ORDERINGS:
        raise BadParameter("ordering", f"must be one of {', '.join(ORDERINGS)}")
    limit = page_size(filters.limit)
    shown, next_cursor = keyset_page(
        filtered(filters), filters.ordering, ORDERINGS[filters.ordering], filters.cursor, limit
    )
    with_photos(shown, body=False)
    return StoryPage(shown, next_cursor, limit)


def keyset_page(rows: QuerySet, ordering: str, name: str, cursor: str | None, limit: int):
    """The `limit` rows after `cursor` sorted on `name` then id, and the next page's cursor.

    Keyset pagination: each page is one indexed range read, however deep, and a row
    published meanwhile never shifts the next page (as ?page=N would).
    """
    descending = ordering.startswith("-")
    if cursor:
        value, pk = read_cursor(cursor, ordering, name)
        after = "lt" if descending else "gt"
        rows = rows.filter(
            Q(**{f"{name}__{after}": value}) | Q(**{name: value, f"pk__{after}": pk})
        )
    sign = "-" if descending else ""
    found = list(rows.order_by(f"{sign}{name}", f"{sign}pk")[: limit + 1])
    shown = found[:limit]
    return shown, make_cursor(shown[-1], ordering, name) if len(found) > limit else None


def make_cursor(row, ordering: str, name: str) -> str:
    """An opaque cursor: the ordering and the last row's sort value and id."""
    value = getattr(row, name)
    if isinstance(value, datetime):
        value = value.isoformat()
    raw = json.dumps([ordering, value, row.pk], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def read_cursor(cursor: str, ordering: str, name: str) -> tuple[object, int]:
    """The sort value and id a cursor holds; BadParameter when it is not one of ours."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        made_for, value, pk = json.loads(raw)
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        raise BadParameter("cursor", "is not a cursor this API gave") from None
    if made_for != ordering:
        raise BadParameter("cursor", f"was made for another ordering, not {ordering}")
    if type(pk) is not int or not 0 < pk < 2**63 or not isinstance(value, str):
        raise BadParameter("cursor", "is not a cursor this API gave")
    if name.endswith("_at"):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            raise BadParameter("cursor", "is not a cursor this API gave") from None
        if timezone.is_naive(value):
            raise BadParameter("cursor", "is not a cursor this API gave")
    elif "\x00" in value:
        raise BadParameter("cursor", "is not a cursor this API gave")
    return value, pk


def find_story(story_id: int) -> Article:
    """The published story with this id, with its body's photos and their renditions, or 404."""
    story = (
        published_stories()
        .prefetch_related(Prefetch("corrections", to_attr="api_corrections"))
        .filter(pk=story_id)
        .first()
    )
    if story is None:
        raise Http404("No published story has this id.")
    with_photos([story], body=True)
    return story


def body_figures(story: Article) -> list[tuple[Photo, str]]:
    """The photos of a story's body, in order, each with its caption in this story."""
    return [
        (block.value["photo"], block.value["caption"])
        for block in story.body
        if block.block_type == "photo" and block.value["photo"] is not None
    ]


def body_photos(story: Article) -> list[Photo]:
    return [photo for photo, _caption in body_figures(story)]


def with_photos(stories: list[Article], *, body: bool) -> None:
    """Set `api_photos` on each story (its lead photo, and its body's when `body`) and fetch
    all their stored renditions in one query."""
    for story in stories:
        photos = [story.lead_photo] if story.lead_photo else []
        if body:
            photos += body_photos(story)
        story.api_photos = photos
    with_renditions(photo for story in stories for photo in story.api_photos)


def sections() -> QuerySet[SectionPage]:
    """Live sections, in the order of the site's navigation."""
    return SectionPage.objects.live().select_related("locale").order_by("path")


def find_section(section_id: int) -> SectionPage:
    section = sections().filter(pk=section_id).first()
    if section is None:
        raise Http404("No live section has this id.")
    return section


def authors() -> QuerySet[Author]:
    return Author.objects.order_by("name", "pk")


def find_author(author_id: int) -> Author:
    author = authors().filter(pk=author_id).first()
    if author is None:
        raise Http404("No author has this id.")
    return author


def agencies() -> QuerySet[Agency]:
    return Agency.objects.order_by("short_name", "pk")


def tags() -> QuerySet[Tag]:
    """Tags of at least one published story, by name."""
    used = ArticleTag.objects.filter(
        tag=OuterRef("pk"),
        content_object__live=True,
        content_object__first_published_at__isnull=False,
    )
    return Tag.objects.filter(Exists(used)).order_by("name", "pk")


def find_photo(photo_id: int) -> Photo:
    """A photo readers can see: the lead photo of a published story or an author's portrait.

    A photo only in a story's body is shown with that story (its `photos`); finding it here
    would mean reading every body.
    """
    shown = Q(pk__in=Article.objects.published().values("lead_photo")) | Q(
        pk__in=Author.objects.values("photo")
    )
    photo = Photo.objects.filter(shown, pk=photo_id).first()
    if photo is None:
        raise Http404("No photo readers can see has this id.")
    with_renditions([photo])
    return photo


@dataclass
class LiveEntriesPage:
    coverage: LiveCoverage
    entries: list[LiveEntry]
    next_cursor: str | None


#: Entries come newest first, as on the story page; a cursor is made for this order only.
LIVE_ORDERING = "-posted"


def live_entries_page(story_id: int, cursor: str | None, limit: int | None) -> LiveEntriesPage:
    """A page of the entries readers see of a published story covered live (posted and
    withdrawn), newest first, with their credits and body photos; 404 when there is none.
    Five queries: the coverage with its story, the entries, their authors, photos, renditions."""
    coverage = (
        LiveCoverage.objects.filter(story_id=story_id, story__in=Article.objects.published())
        .select_related("story__locale", "story__section")
        .first()
    )
    if coverage is None:
        raise Http404("No published story covered live has this id.")
    entries, next_cursor = keyset_page(
        shown_entries(coverage), LIVE_ORDERING, "posted_at", cursor, page_size(limit)
    )
    for entry in entries:
        entry.coverage = coverage
    return LiveEntriesPage(coverage, with_entry_photos(entries), next_cursor)
