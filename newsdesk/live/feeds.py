"""Feeds of a live coverage's entries: RSS, Atom and JSON Feed, newest first.

Each carries `live-<id>`, so a posted, corrected or withdrawn entry refreshes them, and so does
publishing the story (a new headline: apps.py purges the key); a withdrawn entry leaves them.
"""

from django.contrib.syndication.views import Feed
from django.http import JsonResponse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from newsdesk.bylines.services import byline_text
from newsdesk.delivery import tag_response
from newsdesk.live import reading
from newsdesk.live.cache_keys import live_key
from newsdesk.live.models import EntryStatus

FEED_LENGTH = 50


def feed_entries(coverage) -> list:
    """The newest posted entries, with their coverage (for their links) and body photos set, so
    a feed costs the same number of queries however many entries it carries."""
    entries = list(reading.shown_entries(coverage).filter(status=EntryStatus.POSTED)[:FEED_LENGTH])
    for entry in entries:
        entry.coverage = coverage
    return reading.with_photos(entries)


def entry_title(entry) -> str:
    return entry.headline or entry.plain_text()[:100] or _("Update")


class LiveEntriesFeed(Feed):
    """The posted entries of one live coverage as RSS."""

    feed_type = Rss201rev2Feed

    def __call__(self, request, coverage_id: int):
        response = super().__call__(request, coverage_id=coverage_id)
        return tag_response(response, [live_key(coverage_id)])

    def get_object(self, request, coverage_id):
        return reading.find_coverage(coverage_id)

    def title(self, coverage):
        return coverage.story.headline

    def link(self, coverage):
        return coverage.story.get_absolute_url()

    def description(self, coverage):
        return coverage.story.standfirst or coverage.story.headline

    def items(self, coverage):
        return feed_entries(coverage)

    def item_title(self, item):
        return entry_title(item)

    def item_description(self, item):
        text = item.plain_text()
        if item.correction_note:
            text += " " + _("Correction: %(note)s") % {"note": item.correction_note}
        return text

    def item_link(self, item):
        return f"{item.coverage.story.get_absolute_url()}#{item.anchor}"

    def item_guid(self, item):
        return f"newsdesk:live-entry:{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.posted_at

    def item_updateddate(self, item):
        return item.corrected_at or item.posted_at

    def item_author_name(self, item):
        return byline_text(item.credits) or None


class LiveEntriesAtomFeed(LiveEntriesFeed):
    feed_type = Atom1Feed
    subtitle = LiveEntriesFeed.description


def json_feed(request, coverage_id: int):
    """The posted entries as JSON Feed 1.1 (https://jsonfeed.org/version/1.1)."""
    coverage = reading.find_coverage(coverage_id)
    story = coverage.story
    home = request.build_absolute_uri(story.get_absolute_url())
    items = []
    for entry in feed_entries(coverage):
        item = {
            "id": f"newsdesk:live-entry:{entry.pk}",
            "url": f"{home}#{entry.anchor}",
            "title": entry_title(entry),
            "content_html": reading.render_entry(entry),
            "summary": entry.plain_text()[:300],
            "date_published": entry.posted_at.isoformat(),
            "date_modified": (entry.corrected_at or entry.posted_at).isoformat(),
        }
        names = byline_text(entry.credits)
        if names:
            item["authors"] = [{"name": names}]
        items.append(item)
    data = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": story.headline,
        "home_page_url": home,
        "feed_url": request.build_absolute_uri(),
        "description": story.standfirst,
        "items": items,
    }
    response = JsonResponse(data, content_type="application/feed+json")
    return tag_response(response, [live_key(coverage.pk)])
