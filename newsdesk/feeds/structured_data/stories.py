"""A story as a NewsArticle, a story covered live as a LiveBlogPosting."""

from newsdesk.feeds.structured_data.parties import credits
from newsdesk.feeds.structured_data.site import SCHEMA_ORG, absolute, publisher


def story_work(request, story, kind: str, site: str) -> dict:
    """What every document about a story says alike, a NewsArticle or a LiveBlogPosting: its
    address as `@id` and `url`, headline, standfirst as `description`, first publication and the
    site (called `site`) as publisher."""
    url = absolute(request, story.get_absolute_url())
    data = {"@context": SCHEMA_ORG, "@type": kind, "@id": url, "url": url}
    data["headline"] = story.headline
    if story.standfirst:
        data["description"] = story.standfirst
    if story.first_published_at:
        data["datePublished"] = story.first_published_at.isoformat()
    data["publisher"] = publisher(request, site)
    return data


def news_article(
    request, article, *, site: str, entries, tags, corrections, lead_images=()
) -> dict:
    """The story as a NewsArticle.

    `entries` is its byline, `tags` and `corrections` as the page shows them, `lead_images` its
    lead photo's ImageObjects (photo_images). Only notices of the kind "correction" become
    `correction`; updates move `dateModified`, as corrections do.
    """
    data = story_work(request, article, "NewsArticle", site)
    data["mainEntityOfPage"] = {"@type": "WebPage", "@id": data["url"]}
    if lead_images:
        data["image"] = list(lead_images)
    changes = [article.first_published_at, article.displayed_update]
    changes += [notice.noted_at for notice in corrections]
    changes = [when for when in changes if when]
    if changes:
        data["dateModified"] = max(changes).isoformat()
    authors = credits(request, entries)
    if authors:
        data["author"] = authors
    if article.dateline.strip():
        data["locationCreated"] = {"@type": "Place", "name": article.dateline.strip()}
    if article.section_id:
        data["articleSection"] = article.section.title
    if tags:
        data["keywords"] = [tag.name for tag in tags]
    notices = [
        {
            "@type": "CorrectionComment",
            "text": notice.text,
            "datePublished": notice.noted_at.isoformat(),
        }
        for notice in corrections
        if notice.kind == notice.CORRECTION
    ]
    if notices:
        data["correction"] = notices
    data["isAccessibleForFree"] = True
    if article.locale_id:
        data["inLanguage"] = article.locale.language_code
    return data


def live_blog_posting(request, coverage, story, entries, site: str) -> dict:
    """A live coverage as a LiveBlogPosting with its `entries` (posted ones) as updates."""
    data = story_work(request, story, "LiveBlogPosting", site)
    url = data["url"]
    data["coverageStartTime"] = coverage.coverage_start.isoformat()
    if coverage.coverage_end:
        data["coverageEndTime"] = coverage.coverage_end.isoformat()
    updates = []
    for entry in entries:
        if entry.is_withdrawn:
            continue
        text = entry.plain_text()
        update = {
            "@type": "BlogPosting",
            "@id": f"{url}#{entry.anchor}",
            "url": f"{url}#{entry.anchor}",
            "headline": (entry.headline or text)[:110],
            "datePublished": entry.posted_at.isoformat(),
            "dateModified": (entry.corrected_at or entry.posted_at).isoformat(),
            "articleBody": text,
        }
        author = credits(request, entry.credits)
        if author:
            update["author"] = author
        updates.append(update)
    data["liveBlogUpdate"] = updates
    if updates:
        data["dateModified"] = max(u["dateModified"] for u in updates)
    return data
