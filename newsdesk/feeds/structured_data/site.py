"""The site: its addresses, its name, and itself as publisher and searchable WebSite."""

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse

SCHEMA_ORG = "https://schema.org"


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
