"""Reader views of live coverage: the updates endpoint and the feeds. HTTP only.

The story page itself is the story's (articles.views.story), extended through the
`newsdesk_story_page` hook in wagtail_hooks.py.
"""

import time

from django.conf import settings
from django.http import JsonResponse
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from newsdesk.articles.cache_keys import story_key
from newsdesk.delivery import tag_response
from newsdesk.live import reading
from newsdesk.live.cache_keys import live_key
from newsdesk.localisation.digits import digits_for

#: How many windows away from the server's a reader's clock may be before it is told to resync
#: (an hour at 10 s windows): within it, every window is answered and cached.
WINDOW_TOLERANCE = 360

#: Counts that between them fall in every plural category of the languages we ship (CLDR's
#: zero, one, two, few, many, other for Arabic; one, few, many for Russian). The page's script
#: picks the text of the sample in the same category as its count, by the browser's
#: `Intl.PluralRules`, whose rules are the ones our catalogues use.
PLURAL_SAMPLES = (0, 1, 2, 3, 5, 11, 21, 100, 101, 102)


def current_window(now: float | None = None) -> int:
    """The number of the window `now` falls in: the same for every reader for its length."""
    return int((time.time() if now is None else now) // settings.NEWSDESK_LIVE_WINDOW_SECONDS)


def updates(request, coverage_id: int, window: int):
    """The latest changes of a live coverage, as JSON, at an address that is the same for every
    reader within a window; cached by the page cache (and proxies) until an entry changes."""
    now = current_window()
    if abs(window - now) > WINDOW_TOLERANCE:
        # Not cached: answered from the server's clock so the page can correct its own.
        return JsonResponse({"error": "window", "window": now}, status=404)
    coverage = reading.find_coverage(coverage_id)
    data = reading.updates(coverage)
    keys = data.pop("keys")
    data["window"] = now
    data["poll_seconds"] = settings.NEWSDESK_LIVE_POLL_SECONDS
    response = JsonResponse(data)
    return tag_response(response, [live_key(coverage.pk), story_key(coverage.story_id), *keys])


def story_page(request, article, context) -> dict | None:
    """The `newsdesk_story_page` hook: a story covered live shows its entries (or, broken out of
    an entry, links back to it). Costs no query for other stories (a fragment remembers)."""
    found = reading.coverage_of_story(article)
    if found["source"]:
        return {"template": "live/breakout_story.html", "context": {"live_source": found["source"]}}
    if not found["coverage"]:
        return None
    coverage = reading.find_coverage(found["coverage"])
    entries = reading.page_of_entries(coverage, request.GET.get("page"))
    key_events = reading.key_events(coverage, page_size=entries.paginator.per_page)
    pinned = (
        reading.pinned_entry(coverage, among=entries.object_list) if entries.number == 1 else None
    )
    polling = coverage.is_polled and entries.number == 1
    shown = [*entries.object_list, *([pinned] if pinned else [])]
    return {
        "template": "live/live_page.html",
        "context": {
            "coverage": coverage,
            "entries": entries,
            "page_number": entries.number,
            "key_events": key_events,
            "pinned_html": mark_safe(reading.render_entry(pinned, pinned_copy=True))
            if pinned
            else "",
            "polling": polling,
            "updates_url": reverse("live:updates", args=[coverage.pk, 0]).rsplit("0/", 1)[0],
            "window_seconds": settings.NEWSDESK_LIVE_WINDOW_SECONDS,
            "poll_seconds": settings.NEWSDESK_LIVE_POLL_SECONDS,
            "poll_max_seconds": settings.NEWSDESK_LIVE_POLL_MAX_SECONDS,
            "live_strings": button_texts() if polling else None,
        },
        "keys": [live_key(coverage.pk), *reading.entry_keys(shown)],
    }


def button_texts() -> dict:
    """The "N new updates" button's texts in the page's language, for live.js: one per plural
    sample with `{n}` where the count goes, the text shown when only a reload will do, and the
    digits the page writes numbers in."""
    return {
        "samples": {
            str(n): ngettext("%(count)s new update", "%(count)s new updates", n) % {"count": "{n}"}
            for n in PLURAL_SAMPLES
        },
        "reload": gettext("New updates: reload the page"),
        "digits": digits_for(),
    }
