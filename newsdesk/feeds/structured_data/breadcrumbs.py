"""Breadcrumb trails: front page > section > story."""

from collections.abc import Iterable

from newsdesk.feeds.structured_data.site import SCHEMA_ORG, absolute, front_page_url


def breadcrumbs(request, trail: Iterable[tuple[str, str]]) -> dict:
    """A BreadcrumbList of `(name, address)` pairs, the front page first."""
    return {
        "@context": SCHEMA_ORG,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": name,
                "item": absolute(request, url),
            }
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }


def story_breadcrumbs(request, article, site: str) -> dict:
    """Front page > section > story."""
    trail = [(site, front_page_url(request))]
    # `url`, not get_url(request): the cached root paths, no lookup of the request's site.
    section_url = article.section.url if article.section_id else None
    if section_url:
        trail.append((article.section.title, section_url))
    trail.append((article.headline, article.get_absolute_url()))
    return breadcrumbs(request, trail)


def section_breadcrumbs(request, section, site: str) -> dict:
    """Front page > section."""
    trail = [(site, front_page_url(request))]
    section_url = section.url
    if section_url:
        trail.append((section.title, section_url))
    return breadcrumbs(request, trail)
