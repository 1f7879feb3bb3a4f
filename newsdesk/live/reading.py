"""What readers see of a live coverage: the stream, key events, the pinned entry, the updates.

Each function costs a fixed number of SQL queries however many entries, authors or photos they
show (pinned in tests/live/test_query_counts.py).
"""

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.template.loader import render_to_string

from newsdesk.articles.cache_keys import story_key
from newsdesk.bylines.models import Author
from newsdesk.delivery import cached_fragment
from newsdesk.live.cache_keys import live_key
from newsdesk.live.models import SHOWN_STATUSES, EntryStatus, LiveCoverage, LiveEntry
from newsdesk.photos.services import with_renditions


def shown_entries(coverage: LiveCoverage):
    """Posted and withdrawn entries, newest first, with their credits and broken-out stories."""
    return (
        LiveEntry.objects.filter(coverage=coverage, status__in=SHOWN_STATUSES)
        .select_related("agency", "breakout_story__section", "breakout_story__locale")
        .prefetch_related(
            Prefetch("authors", queryset=Author.objects.select_related("locale").order_by("name"))
        )
        .order_by("-posted_at", "-pk")
    )


def with_photos(entries: list[LiveEntry]) -> list[LiveEntry]:
    """Fetch the photos of every entry's body in one query and their renditions in another.

    Wagtail converts each StreamField on its own (a query per entry with photos); here the
    bodies are converted from their stored data with the photos fetched once for all.
    """
    from wagtail.blocks import StreamValue, StructValue

    from newsdesk.photos.models import Photo

    wanted = {
        item["value"].get("photo")
        for entry in entries
        for item in entry.body.raw_data
        if item["type"] == "photo" and isinstance(item.get("value"), dict)
    }
    wanted.discard(None)
    if not wanted:
        return entries
    photos = Photo.objects.in_bulk(wanted)
    stream_block = LiveEntry._meta.get_field("body").stream_block
    figure = stream_block.child_blocks["photo"]
    for entry in entries:
        items = []
        for item in entry.body.raw_data:
            kind, value = item["type"], item.get("value")
            if kind == "photo":
                photo = photos.get(value.get("photo")) if isinstance(value, dict) else None
                caption = value.get("caption", "") if isinstance(value, dict) else ""
                value = StructValue(figure, [("photo", photo), ("caption", caption)])
            elif kind in stream_block.child_blocks:
                value = stream_block.child_blocks[kind].to_python(value)
            else:
                continue
            items.append((kind, value, item.get("id")))
        entry.body = StreamValue(stream_block, items, is_lazy=False)
    with_renditions(p for p in photos.values())
    return entries


def coverage_of_story(article) -> dict | None:
    """Whether `article` is covered live or was broken out of an entry, kept as a fragment
    under the story's key, so an ordinary story page costs no query for asking."""

    def make():
        from newsdesk.articles.models import Article

        # One query for both questions; the rare broken-out story asks for its source after.
        row = (
            Article.objects.filter(pk=article.pk)
            .annotate(
                coverage_id=Subquery(
                    LiveCoverage.objects.filter(story=OuterRef("pk")).values("pk")
                ),
                source_id=Subquery(
                    LiveEntry.objects.filter(breakout_story=OuterRef("pk")).values("pk")[:1]
                ),
            )
            .values("coverage_id", "source_id")
            .first()
        ) or {"coverage_id": None, "source_id": None}
        found = {"coverage": row["coverage_id"], "source": None}
        keys = [story_key(article.pk)]
        if row["source_id"]:
            source = LiveEntry.objects.select_related(
                "coverage__story__section", "coverage__story__locale"
            ).get(pk=row["source_id"])
            found["source"] = {
                "url": f"{source.coverage.story.get_absolute_url()}#{source.anchor}",
                "headline": source.coverage.story.headline,
            }
            keys += [story_key(source.coverage.story_id), live_key(source.coverage_id)]
        return found, keys

    found, _keys = cached_fragment(f"story-live:{article.pk}", make)
    return found


def page_of_entries(coverage: LiveCoverage, page_number):
    """The page of the stream named by `?page=`, newest first; 404 for a page not there."""
    paginator = Paginator(
        shown_entries(coverage),
        settings.NEWSDESK_LIVE_ENTRIES_PER_PAGE,
        allow_empty_first_page=True,
    )
    try:
        page = paginator.page(page_number or 1)
    except InvalidPage:
        raise Http404("No such page of entries.") from None
    page.object_list = with_photos(list(page.object_list))
    return page


def key_events(coverage: LiveCoverage, page_size: int | None = None) -> list[dict]:
    """The key events, newest first: the summary at the top of the page, each with the page of
    the stream it is on (counted in the same query)."""
    newer = (
        LiveEntry.objects.filter(
            coverage=coverage, status__in=SHOWN_STATUSES, posted_at__gt=OuterRef("posted_at")
        )
        .order_by()
        .values("coverage")
        .annotate(n=Count("pk"))
        .values("n")
    )
    rows = (
        LiveEntry.objects.filter(coverage=coverage, status=EntryStatus.POSTED, key_event=True)
        .annotate(newer=Coalesce(Subquery(newer), 0))
        .order_by("-posted_at", "-pk")[: settings.NEWSDESK_LIVE_KEY_EVENTS]
    )
    size = page_size or settings.NEWSDESK_LIVE_ENTRIES_PER_PAGE
    return [
        {
            "id": e.pk,
            "anchor": e.anchor,
            "posted_at": e.posted_at,
            "title": str(e),
            "page": e.newer // size + 1,
        }
        for e in rows
    ]


def pinned_entry(coverage: LiveCoverage, among: list[LiveEntry] = ()) -> LiveEntry | None:
    """The pinned entry: taken from `among` (entries already fetched) when it is there, which
    it is unless the stream has moved on a whole page since it was pinned."""
    for entry in among:
        if entry.pinned and entry.status == EntryStatus.POSTED:
            return entry
    pinned = shown_entries(coverage).filter(status=EntryStatus.POSTED, pinned=True).first()
    if pinned is not None:
        with_photos([pinned])
    return pinned


def render_entry(entry: LiveEntry, *, pinned_copy: bool = False) -> str:
    return render_to_string(
        "live/includes/entry.html", {"entry": entry, "pinned_copy": pinned_copy}
    )


def entry_keys(entries) -> list[str]:
    """Keys of what entries show besides the coverage: the stories they were broken out into."""
    return [story_key(e.breakout_story_id) for e in entries if e.breakout_story_id]


def find_coverage(coverage_id: int) -> LiveCoverage:
    """The coverage of a published story, with the story and its section, or 404."""
    if not 0 < coverage_id < 2**63:  # past a database integer: nothing to look up
        raise Http404("No such live coverage.")
    coverage = (
        LiveCoverage.objects.filter(pk=coverage_id, story__live=True)
        .select_related("story__section", "story__locale")
        .first()
    )
    if coverage is None:
        raise Http404("No such live coverage.")
    return coverage


def updates(coverage: LiveCoverage) -> dict:
    """The latest changes readers' pages apply: the entries changed most recently, with their
    HTML, the key events and the pinned entry. Every change numbered above `complete_after` is
    listed: a page that knows only an older number reloads instead."""
    limit = settings.NEWSDESK_LIVE_UPDATES_LIMIT
    changed = list(
        shown_entries(coverage).filter(change_sequence__gt=0).order_by("-change_sequence")[:limit]
    )
    with_photos(changed)
    pinned = pinned_entry(coverage, among=changed)
    complete_after = 0  # every change after this number is listed
    if len(changed) == limit:
        complete_after = changed[-1].change_sequence - 1
    return {
        "coverage": coverage.pk,
        "status": coverage.status,
        "sequence": coverage.sequence,
        "complete_after": complete_after,
        "entries": [
            {
                "id": entry.pk,
                "sequence": entry.change_sequence,
                "state": entry.status,
                "posted_at": entry.posted_at.isoformat() if entry.posted_at else None,
                "html": render_entry(entry),
            }
            for entry in reversed(changed)
        ],
        "key_events": [
            {"anchor": e["anchor"], "title": e["title"], "posted_at": e["posted_at"].isoformat()}
            for e in key_events(coverage)
        ],
        "pinned": {"id": pinned.pk, "html": render_entry(pinned, pinned_copy=True)}
        if pinned
        else None,
        "keys": entry_keys([*changed, *([pinned] if pinned else [])]),
    }
