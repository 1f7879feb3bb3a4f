"""What the front page shows, and keeping the section navigation fresh."""

from django.db.models import OuterRef, Q, Subquery

from newsdesk.articles.services import published_stories, teasers
from newsdesk.delivery import shared_cache
from newsdesk.sections.context_processors import navigation_cache_keys

LATEST_STORIES = 6
STORIES_PER_SECTION_BLOCK = 4


def front_page(home) -> dict:
    """The lead story, the latest stories, and the newest stories of each section, in tree order.

    The section blocks come from one query, so the front page costs the same number of queries
    however many sections there are.
    """
    from newsdesk.sections.models import SectionPage

    latest = list(published_stories()[: LATEST_STORIES + 1])
    lead = None
    if home.lead_story_id:
        lead = published_stories().filter(pk=home.lead_story_id).first()
    if lead is None and latest:
        lead = latest[0]
    latest = [story for story in latest if lead is None or story.pk != lead.pk][:LATEST_STORIES]

    # Each section comes with the date of its Nth newest story, read from the section index;
    # the stories are then those on or after it, per section. A window over every published
    # story read the whole archive (1.9 s at a million stories, bench/million_stories.py), and
    # OR-ed "id IN (newest of section)" subqueries made PostgreSQL scan it too (0.5 s).
    nth_newest = (
        published_stories()
        .filter(section=OuterRef("pk"))
        .values("first_published_at")[STORIES_PER_SECTION_BLOCK - 1 : STORIES_PER_SECTION_BLOCK]
    )
    sections = list(
        SectionPage.objects.child_of(home)
        .live()
        .public()
        .order_by("path")
        .annotate(nth_newest_at=Subquery(nth_newest))
    )
    newest_in_sections = Q(pk__in=[])
    for section in sections:
        if section.nth_newest_at is None:  # fewer stories than a block holds: all of them
            newest_in_sections |= Q(section=section)
        else:
            newest_in_sections |= Q(section=section, first_published_at__gte=section.nth_newest_at)
    by_section: dict[int, list] = {section.pk: [] for section in sections}
    for story in published_stories().filter(newest_in_sections):
        # Stories published in the same second as the Nth can come along: keep N.
        if len(by_section[story.section_id]) < STORIES_PER_SECTION_BLOCK:
            by_section[story.section_id].append(story)
    shown = [lead, *latest, *(s for stories in by_section.values() for s in stories)]
    teasers(s for s in shown if s is not None)
    return {
        "lead_story": lead,
        "latest_stories": latest,
        "section_blocks": [
            {"section": section, "stories": by_section[section.pk]}
            for section in sections
            if by_section[section.pk]
        ],
    }


def forget_navigation(**kwargs) -> None:
    """Drop the cached section list so the next page shows the sections as published now."""
    shared_cache().delete_many(navigation_cache_keys())
