"""schema.org `LiveBlogPosting` for a live coverage's page, as search engines read it."""

import json

from django.utils.safestring import SafeString, mark_safe

# What may not appear raw inside <script>: the JSON stays valid with these escaped.
_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def _credit(entry_or_names) -> list[dict]:
    people = []
    for name in entry_or_names:
        if name.author_id:
            people.append({"@type": "Person", "name": name.author.name})
        elif name.agency_id:
            people.append({"@type": "Organization", "name": name.agency.name})
    return people


def live_blog_posting(request, coverage, story, entries) -> dict:
    """The coverage as a LiveBlogPosting with its `entries` (posted ones) as updates."""
    url = request.build_absolute_uri(story.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "@id": url,
        "url": url,
        "headline": story.headline,
        "coverageStartTime": coverage.coverage_start.isoformat(),
    }
    if story.standfirst:
        data["description"] = story.standfirst
    if story.first_published_at:
        data["datePublished"] = story.first_published_at.isoformat()
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
        author = _credit(entry.credits)
        if author:
            update["author"] = author
        updates.append(update)
    data["liveBlogUpdate"] = updates
    if updates:
        data["dateModified"] = max(u["dateModified"] for u in updates)
    return data


def as_script_json(data: dict) -> SafeString:
    """JSON safe to place inside `<script type="application/ld+json">`."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES))
