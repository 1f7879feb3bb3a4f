"""Reading stories: what the front page, section, author, tag and story pages show.

Every function here returns querysets or lists whose SQL cost does not grow with the number of
byline entries, tags or photos on a page; tests pin the query counts.
"""

import json
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.paginator import InvalidPage, Page, Paginator
from django.db.models import Max, Prefetch, Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.http import Http404
from django.utils import timezone

from newsdesk.articles import fragments
from newsdesk.articles.highlights import highlighted_excerpt
from newsdesk.articles.models import Article, ArticleTag, BylineEntry, Correction
from newsdesk.editions.services import current_edition, edition_locale
from newsdesk.photos.services import with_renditions
from newsdesk.search_index import in_language, plain_words

RELATED_STORIES = 4


def byline_prefetch() -> Prefetch:
    """Fetch a story's byline entries with their authors and agencies, in order."""
    return Prefetch(
        "byline_entries",
        # The author's locale: their page's address is in their edition.
        queryset=BylineEntry.objects.select_related("author__locale", "agency").order_by(
            "sort_order"
        ),
    )


def published_stories(edition: str | None = None, *, section=None) -> QuerySet[Article]:
    """Published stories of one edition (the current one unless named), or of one `section`,
    newest first, with what a story teaser needs already joined.

    A section is in one edition, so for a section the edition's condition is left out: with it
    PostgreSQL counted a section's stories by reading them from the table (2-4 s for a section
    of 230,000 stories in bench/million_stories.py) instead of from the partial index
    `article_section_published` alone."""
    return (
        _published_in(edition, section)
        .newest_first()
        .select_related("section", "lead_photo", "locale")
        .prefetch_related(byline_prefetch())
    )


def _published_in(edition: str | None, section) -> QuerySet[Article]:
    """Published stories of `section` when one is named (it is in one edition), else of the
    edition: the condition each one's partial index answers."""
    if section is not None:
        return Article.objects.published().filter(section=section)
    return Article.objects.published().filter(locale=edition_locale(edition))


def section_stories(section) -> QuerySet[Article]:
    """The published stories of `section`, newest first, as `published_stories` gives them."""
    return published_stories(section=section)


def teasers(stories) -> list[Article]:
    """Evaluate a list of stories and fetch their lead photos' renditions in one more query."""
    stories = list(stories)
    with_renditions(story.lead_photo for story in stories)
    return stories


def paginate(
    request, stories: QuerySet[Article], per_page: int | None = None, *, paginator_class=Paginator
) -> Page:
    """Return the page of `stories` named by `?page=`; a page that does not exist is a 404."""
    per_page = per_page or settings.NEWSDESK_STORIES_PER_PAGE
    paginator = paginator_class(stories, per_page, allow_empty_first_page=True)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except InvalidPage:
        raise Http404("No such page of stories.") from None
    page.object_list = teasers(page.object_list)
    return page


def corrected_stories(edition: str | None = None) -> QuerySet[Article]:
    """Published stories of the edition with a correction notice, the most recently corrected
    first, each with its correction notices newest first in `correction_notices` and the date
    of the latest in `last_corrected_at`. Update notices are not corrections: not listed."""
    is_correction = Q(corrections__kind=Correction.CORRECTION)
    return (
        published_stories(edition)
        .annotate(last_corrected_at=Max("corrections__noted_at", filter=is_correction))
        .filter(last_corrected_at__isnull=False)
        .order_by("-last_corrected_at", "-pk")
        .prefetch_related(
            Prefetch(
                "corrections",
                queryset=Correction.objects.filter(kind=Correction.CORRECTION).order_by(
                    "-noted_at", "-pk"
                ),
                to_attr="correction_notices",
            )
        )
    )


def find_story(slug: str) -> Article:
    """The current edition's published story with this slug, with its section, or 404.

    One query: its byline, photos, tags and corrections come from fragments (fragments.py),
    read from the database only when a fragment is made.
    """
    story = (
        Article.objects.published()
        .select_related("section", "locale")
        .filter(locale=edition_locale(), slug=slug)
        .first()
    )
    if story is None:
        raise Http404("No such story.")
    return story


def published_translations(article: Article) -> QuerySet[Article]:
    """The published versions of `article` in every edition (itself included when published)."""
    return (
        Article.objects.published()
        .filter(translation_key=article.translation_key)
        .select_related("section", "locale")
    )


def body_photos(article: Article) -> list:
    return [block.value["photo"] for block in article.body if block.block_type == "photo"]


def related_stories(
    article: Article, limit: int = RELATED_STORIES, *, tags: list | None = None
) -> list[Article]:
    """The newest published stories from the same section or sharing a tag with `article`."""
    match = Q(section_id=article.section_id)
    tag_ids = [tag.pk for tag in (article.tags.all() if tags is None else tags)]
    if tag_ids:
        match |= Q(pk__in=ArticleTag.objects.filter(tag_id__in=tag_ids).values("content_object_id"))
    stories = published_stories().filter(match)
    if article.pk:
        stories = stories.exclude(pk=article.pk)
    return teasers(stories[:limit])


def story_context(article: Article, preview: bool = False) -> dict:
    """Everything the story page template needs, for a published story or an editor's preview.

    The tags, corrections, byline, photos, body and related stories come from fragments kept
    between renders of a published story (fragments.py); a preview makes them afresh.
    """
    return {"article": article, "is_preview": preview, **fragments.story_parts(article, preview)}


#: Best match first ranks the newest this many matches (the count's limit, StoryPaginator).
RANKED_MATCHES = 1_000


def search_stories(
    query: str,
    *,
    section_id: int | None = None,
    author_id: int | None = None,
    published_from: date | None = None,
    published_to: date | None = None,
    best_match: bool = False,
):
    """The edition's published stories matching every word of `query` in headline, standfirst
    or body, with the words stemmed in the edition's language (search_index.in_language);
    optionally only those of the section `section_id`, credited to the author `author_id`, or
    first published from `published_from` to `published_to` (both days included, in the site's
    time zone).

    Newest first, or with `best_match` the best match first among the newest `RANKED_MATCHES`
    matches: ranking every match of a common word read and sorted a quarter of a million-story
    archive on each search (3-4 s, bench/million_stories.py), while ranking the newest thousand
    costs what counting them does. Page through them with `StoryPaginator`. The reader's query
    is taken as plain words (`plain_words`): quotes and operators are no syntax, and a query
    without a word finds nothing.
    """
    words = plain_words(query)
    if not words:
        return published_stories().none()

    def narrowed(stories):
        if author_id is not None:
            # A subquery on the database backends; a list of ids for OpenSearch/Elasticsearch.
            credited = BylineEntry.objects.filter(author_id=author_id)
            stories = stories.filter(pk__in=credited.values_list("article_id", flat=True))
        if published_from:
            stories = stories.filter(first_published_at__gte=_start_of_day(published_from))
        if published_to:
            stories = stories.filter(first_published_at__lt=_start_of_day(published_to, days=1))
        return stories

    edition = current_edition()
    # A section is in one edition (the form offers the edition's own): narrowed to a section,
    # the edition's condition is left out, so that the section's partial index of published
    # stories answers. With both, PostgreSQL ANDed the edition's index with the section's every
    # story (237,000 rows read for a month's search in a section at a million stories).
    # The edition's stories, searched in its language: another form of a word finds them.
    with in_language(edition):
        if not best_match:
            return narrowed(published_stories(section=section_id)).search(
                words, operator="and", order_by_relevance=False
            )
        # Only the ids of the newest matches, one more than the paginator's limit so that it
        # can still say "about 1,000"; then those ranked.
        newest = (
            narrowed(_published_in(edition, section_id))
            .newest_first()
            .only("pk", "first_published_at")
            .search(words, operator="and", order_by_relevance=False)
        )
        ranked = match_ids(newest[: RANKED_MATCHES + 1])
        return (
            published_stories()
            .filter(pk__in=ranked)
            .search(words, operator="and", order_by_relevance=True)
        )


def _start_of_day(day: date, days: int = 0):
    return timezone.make_aware(datetime.combine(day + timedelta(days=days), time.min))


def match_ids(results) -> list[int]:
    """The ids of the stories a search's `results` hold, in their order, without building a story
    of each: a story is a ClusterableModel, and making the newest 1,001 matches into stories to
    read their ids was most of best match's time (bench/million_stories.py). The database
    backends run the search as a query, whose ids are read alone; OpenSearch and Elasticsearch
    answer with hits, which are read as stories."""
    as_query = getattr(results, "get_queryset", None)
    if as_query is None:
        return [story.pk for story in results]
    return list(as_query().values_list("pk", flat=True))


def search_excerpts(stories, query: str) -> None:
    """Give each of `stories` (the page shown, not every match) its `search_excerpt`: the body
    around the reader's words, which are marked (highlights.highlighted_excerpt)."""
    language = current_edition()
    for story in stories:
        story.search_excerpt = highlighted_excerpt(story.plain_text(), query, language)


def sanitise_stored_bodies(*, dry_run: bool = False, batch_size: int = 500) -> list[int]:
    """Rewrite each story whose stored body holds HTML the sanitiser removes; return their ids.

    For HTML stored before bodies were sanitised, or written around the ORM. Only the body
    column changes: no revision, no new update time, nothing published. Revisions are
    sanitised as they are read.
    """
    field = Article._meta.get_field("body")
    changed = []
    # The column as stored, read as text so that nothing converts (or sanitises) it on the way.
    stories = Article.objects.order_by("pk").values_list("pk", Cast("body", TextField()))
    for pk, text in stories.iterator(chunk_size=batch_size):
        stored = json.loads(text) if text else []
        if isinstance(stored, str):  # JSON text stored as a JSON string
            stored = json.loads(stored)
        body = field.converted(stored)
        if field.stream_block.get_prep_value(body) != stored:
            changed.append(pk)
            if not dry_run:
                Article.objects.filter(pk=pk).update(body=body)
    return changed
