"""`robots.txt`, the sitemaps' views and the Google News sitemap. HTTP only: the lists are in
sitemaps.py."""

from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse

from newsdesk.delivery import tag_response
from newsdesk.editions.services import current_edition, edition_codes, in_edition
from newsdesk.feeds.feeds import site_name
from newsdesk.feeds.sitemaps import SITEMAPS, StoryPages

#: Outside the editions: the admin and moderation (its digest links and scoring endpoint).
SITE_FOLDERS = [("wagtailadmin_home", ()), ("moderation:unsubscribe", ("0",))]
#: In each edition: search results, and the addresses readers post comments and votes to.
EDITION_FOLDERS = [
    ("articles:search", ()),
    ("discussion:post", (0,)),
    ("discussion:reply", (0,)),
    ("discussion:token", ()),
    ("discussion:posted", ("0",)),
    ("discussion:unsubscribe", ("0",)),
    ("reactions:vote", (0,)),
]


def robots_txt(request: HttpRequest) -> HttpResponse:
    """What crawlers may not fetch, and every edition's sitemap index (absolute addresses).

    No query: the addresses come from the URL configuration, so they follow it.
    """
    lines = ["User-agent: *"]
    lines += [f"Disallow: {_top_folder(reverse(name, args=args))}" for name, args in SITE_FOLDERS]
    sitemaps = []
    for code in edition_codes():
        with in_edition(code):
            lines += [
                f"Disallow: {_up_to_argument(reverse(name, args=args))}"
                for name, args in EDITION_FOLDERS
            ]
            sitemaps.append(request.build_absolute_uri(reverse("feeds:sitemap-index")))
    lines.append("")
    lines += [f"Sitemap: {url}" for url in sitemaps]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def _top_folder(path: str) -> str:
    """`/moderation/unsubscribe/0/` -> `/moderation/`."""
    return "/" + path.lstrip("/").split("/", 1)[0] + "/"


def _up_to_argument(path: str) -> str:
    """`/en/discussion/stories/0/comments/` -> `/en/discussion/stories/`: every story's."""
    cut = path.find("/0/")
    return path if cut < 0 else path[: cut + 1]


def news_sitemap(request: HttpRequest) -> TemplateResponse:
    """The edition's Google News sitemap (sitemaps.NewsSitemap), named as the site is."""
    response = sitemap_views.sitemap(
        request, sitemaps=SITEMAPS, section="news", template_name="feeds/news_sitemap.xml"
    )
    response.context_data["publication"] = {
        "name": site_name(request),
        "language": current_edition(),
    }
    return response


def sitemap_index(request: HttpRequest, **kwargs) -> TemplateResponse:
    """The edition's sitemap index (Django's), kept no longer than the story sitemap's pages
    start where it counted them (StoryPages.seconds_left)."""
    lifetime = StoryPages.seconds_left()  # before the pages are counted
    return tag_response(sitemap_views.index(request, **kwargs), [], lifetime=lifetime)


def sitemap(request: HttpRequest, section: str, **kwargs) -> TemplateResponse:
    """One page of one of the edition's sitemaps (Django's); a page of stories is kept no longer
    than its start and end stay where they were (StoryPages.seconds_left), so the pages served
    together hold every story once."""
    lifetime = StoryPages.seconds_left() if section == "stories" else None
    response = sitemap_views.sitemap(request, section=section, **kwargs)
    return tag_response(response, [], lifetime=lifetime)
