"""Which cached pages show a live coverage, and purging them when an entry changes.

`live-<coverage id>` is carried by the story page of the coverage, its updates endpoint (every
window's address) and its feeds; every entry posted, corrected, withdrawn, pinned or broken out,
and every change of the coverage's status, purges it (docs/apps/delivery.md, "The keys").
"""

from newsdesk.articles.cache_keys import story_key
from newsdesk.delivery import make_key, purge


def live_key(coverage_id: int) -> str:
    return make_key("live", coverage_id)


def purge_coverage(coverage, *, story_too: bool = False) -> None:
    """Drop the pages showing `coverage`'s entries; `story_too` for a change of the story page
    itself (coverage started, status changed), which lists and the story's fragments show."""
    keys = [live_key(coverage.pk)]
    if story_too:
        keys.append(story_key(coverage.story_id))
    purge(keys)


def purge_story_coverage(sender, instance, **kwargs) -> None:
    """Receiver for a story's publish and unpublish: its coverage's feeds show its headline."""
    from newsdesk.live.models import LiveCoverage

    for coverage_id in LiveCoverage.objects.filter(story_id=instance.pk).values_list(
        "pk", flat=True
    ):
        purge([live_key(coverage_id)])
