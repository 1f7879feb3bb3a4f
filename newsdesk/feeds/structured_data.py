"""schema.org JSON-LD for reader pages, as search engines and aggregators read them.

Each function builds plain dicts from what the page already shows; `script_json` makes one safe
to place in `<script type="application/ld+json">`. The pages get them through the
`{% structured_data %}` tag (templatetags/structured_data.py), which base.html calls: articles,
sections, bylines and live coverage sit below feeds and do not import it.

Properties with nothing to say (no photo, no dateline, no correction) are left out, never null.
"""

import json
import logging
from collections.abc import Iterable

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from newsdesk.delivery import cached_fragment

logger = logging.getLogger(__name__)

SCHEMA_ORG = "https://schema.org"

# What may not appear raw inside <script>: the JSON stays valid with these escaped.
_SCRIPT_ESCAPES = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    # Line and paragraph separators end a line in some JavaScript parsers.
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def script_json(data: dict) -> SafeString:
    """JSON safe to place inside `<script type="application/ld+json">`: no `</script>`, `<!--`
    or `&` can appear in it raw, whatever the headline or text holds."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES))


def absolute(request, url: str) -> str:
    """`url` (a path, or already absolute) as an absolute address on the requested host."""
    return request.build_absolute_uri(url)


def front_page_url(request) -> str:
    """The current edition's front page."""
    return absolute(request, reverse("wagtail_serve", args=[""]))


def site_name(context) -> str:
    """The site's name as the page shows it (its Wagtail site's), else `WAGTAIL_SITE_NAME`."""
    return context.get("site_name") or settings.WAGTAIL_SITE_NAME


def logo(request) -> dict:
    """The publisher's logo: `NEWSDESK_PUBLISHER_LOGO`, a static file's path or an address."""
    path = settings.NEWSDESK_PUBLISHER_LOGO
    url = path if path.startswith(("https://", "http://")) else static(path)
    return {"@type": "ImageObject", "url": absolute(request, url)}


def publisher(request, name: str) -> dict:
    """The site (called `name`) as an Organization with its name, front page and logo."""
    return {
        "@type": "Organization",
        "name": name,
        "url": front_page_url(request),
        "logo": logo(request),
    }


def person(request, author) -> dict:
    """A staff author as a Person, with their page's address."""
    data = {
        "@type": "Person",
        "name": author.name,
        "url": absolute(request, author.get_absolute_url()),
    }
    if author.job_title:
        data["jobTitle"] = author.job_title
    return data


def agency_organization(agency) -> dict:
    """A wire agency as an Organization."""
    data = {"@type": "Organization", "name": agency.name}
    if agency.url:
        data["url"] = agency.url
    return data


def credits(request, entries: Iterable) -> list[dict]:
    """Byline entries (or anything with `author_id`/`agency_id`) as Persons and Organizations."""
    people = []
    for entry in entries:
        if entry.author_id:
            people.append(person(request, entry.author))
        elif entry.agency_id:
            people.append(agency_organization(entry.agency))
    return people


def photo_images(request, photo, renditions: Iterable) -> list[dict]:
    """A photo's renditions as ImageObjects with their size, caption and credit."""
    images = []
    for rendition in renditions:
        image = {
            "@type": "ImageObject",
            "url": absolute(request, rendition.url),
            "width": rendition.width,
            "height": rendition.height,
        }
        if photo.caption:
            image["caption"] = photo.caption
        if photo.credit:
            image["creditText"] = photo.credit
        images.append(image)
    return images


def news_article(
    request, article, *, site: str, entries, tags, corrections, lead_images=()
) -> dict:
    """The story as a NewsArticle.

    `entries` is its byline, `tags` and `corrections` as the page shows them, `lead_images` its
    lead photo's ImageObjects (photo_images). Only notices of the kind "correction" become
    `correction`; updates move `dateModified`, as corrections do.
    """
    url = absolute(request, article.get_absolute_url())
    data = {
        "@context": SCHEMA_ORG,
        "@type": "NewsArticle",
        "@id": url,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "headline": article.headline,
    }
    if article.standfirst:
        data["description"] = article.standfirst
    if lead_images:
        data["image"] = list(lead_images)
    if article.first_published_at:
        data["datePublished"] = article.first_published_at.isoformat()
    changes = [article.first_published_at, article.displayed_update]
    changes += [notice.noted_at for notice in corrections]
    changes = [when for when in changes if when]
    if changes:
        data["dateModified"] = max(changes).isoformat()
    authors = credits(request, entries)
    if authors:
        data["author"] = authors
    data["publisher"] = publisher(request, site)
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


def front_page(request, site: str, language: str) -> list[dict]:
    """The site as an Organization, and as a WebSite readers can search (a SearchAction on the
    edition's search page)."""
    home = front_page_url(request)
    search = absolute(request, reverse("articles:search"))
    return [
        {"@context": SCHEMA_ORG, **publisher(request, site), "@id": f"{home}#publisher"},
        {
            "@context": SCHEMA_ORG,
            "@type": "WebSite",
            "@id": f"{home}#website",
            "name": site,
            "url": home,
            "inLanguage": language,
            "publisher": {"@id": f"{home}#publisher"},
            "potentialAction": {
                "@type": "SearchAction",
                "target": {
                    "@type": "EntryPoint",
                    "urlTemplate": f"{search}?q={{search_term_string}}",
                },
                "query-input": "required name=search_term_string",
            },
        },
    ]


def profile_page(request, author) -> dict:
    """An author's page as a ProfilePage about them (a Person)."""
    url = absolute(request, author.get_absolute_url())
    about = person(request, author)
    if author.bio:
        about["description"] = author.bio
    data = {
        "@context": SCHEMA_ORG,
        "@type": "ProfilePage",
        "@id": url,
        "url": url,
        "mainEntity": about,
    }
    if author.locale_id:
        data["inLanguage"] = author.locale.language_code
    return data


def live_blog_posting(request, coverage, story, entries, site: str) -> dict:
    """A live coverage as a LiveBlogPosting with its `entries` (posted ones) as updates."""
    url = absolute(request, story.get_absolute_url())
    data = {
        "@context": SCHEMA_ORG,
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
    data["publisher"] = publisher(request, site)
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


# Which page is which --------------------------------------------------------------------------


def page_documents(request, context) -> list[dict]:
    """The JSON-LD documents of the reader page rendered with `context`: none for a preview or a
    page not listed here.

    A live coverage's page: its LiveBlogPosting and breadcrumbs; a story's: its NewsArticle and
    breadcrumbs; a section's: breadcrumbs; the front page: Organization and WebSite; an
    author's: ProfilePage.
    """
    from newsdesk.articles.models import Article
    from newsdesk.bylines.models import Author
    from newsdesk.sections.models import HomePage, SectionPage

    if context.get("is_preview"):
        return []
    site = site_name(context)
    article = context.get("article")
    # A story page's context (articles.services.story_context) has its tags and corrections.
    if isinstance(article, Article) and article.pk and "corrections" in context:
        if context.get("coverage") is not None and context.get("entries") is not None:
            posting = live_blog_posting(
                request, context["coverage"], article, context["entries"].object_list, site
            )
            return [posting, story_breadcrumbs(request, article, site)]
        return story_documents(request, context, site)
    page = context.get("page")
    if isinstance(page, HomePage):
        # The edition's language, active for its pages (page.locale would cost a query).
        return front_page(request, site, get_language())
    if isinstance(page, SectionPage):
        return [section_breadcrumbs(request, page, site)]
    author = context.get("author")
    if isinstance(author, Author):
        return [profile_page(request, author)]
    return []


def story_documents(request, context, site: str) -> list[dict]:
    """A published story's NewsArticle and breadcrumbs, kept between renders as a fragment.

    Named by the story's version, the language, the host (the addresses are absolute) and the
    site's name; its
    keys are those of what it names (byline, lead photo, tags, the site's sections), all of
    which the story page carries already. Made in the same render as the page's own fragments,
    it reuses what they fetched (the byline, the lead photo's renditions) and costs no query.
    """
    from newsdesk.articles.fragments import story_version

    article = context["article"]
    origin = request.build_absolute_uri("/")
    name = f"story-structured-data:{story_version(article)}:{get_language()}:{origin}:{site}"
    return list(
        cached_fragment(
            name,
            lambda: make_story_documents(
                request, article, site, tags=context["tags"], corrections=context["corrections"]
            ),
        )[0]
    )


def make_story_documents(
    request, article, site: str, *, tags, corrections
) -> tuple[list[dict], list[str]]:
    from django.db.models import prefetch_related_objects

    from newsdesk.articles.cache_keys import SITE_KEY, story_key
    from newsdesk.articles.fragments import byline_keys
    from newsdesk.articles.services import byline_prefetch
    from newsdesk.delivery import make_key
    from newsdesk.photos.cache_keys import photo_keys

    prefetch_related_objects([article], byline_prefetch())  # nothing, if the byline's fragment did
    entries = list(article.byline_entries.all())
    photo = article.lead_photo
    document = news_article(
        request,
        article,
        site=site,
        entries=entries,
        tags=tags,
        corrections=corrections,
        lead_images=lead_photo_images(request, photo),
    )
    keys = [SITE_KEY, story_key(article.pk), *byline_keys(entries), *photo_keys([photo])]
    keys += [make_key("tag", tag.pk, "label") for tag in tags]
    return [document, story_breadcrumbs(request, article, site)], keys


def lead_photo_images(request, photo) -> list[dict]:
    """The lead photo's 16:9, 4:3 and 1:1 renditions (photos' `structured_data` place) as
    ImageObjects; none when the photo's file cannot be read."""
    from wagtail.images.models import SourceImageIOError

    from newsdesk.photos.renditions import place_filters
    from newsdesk.photos.services import with_renditions

    if photo is None:
        return []
    with_renditions([photo])  # nothing, if the body's fragment fetched them
    try:
        renditions = photo.get_renditions(*place_filters("structured_data"))
    except SourceImageIOError:
        logger.warning("Photo %s has no renditions for structured data", photo.pk, exc_info=True)
        return []
    return photo_images(request, photo, renditions.values())
