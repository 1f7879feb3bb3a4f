"""Sitemaps for search engines, one set per edition: its sections and its published stories,
each with `hreflang` alternates naming its published translations in the other editions."""

from django.contrib.sitemaps import Sitemap

from newsdesk.articles.models import Article
from newsdesk.editions.services import alternates, current_edition
from newsdesk.sections.models import SectionPage


class EditionSitemap(Sitemap):
    """A sitemap of one edition whose entries name their translations (`xhtml:link`)."""

    def translations_of(self, items: list) -> list:
        """The published versions, in every edition, of `items` (one query)."""
        raise NotImplementedError

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        base = urls[0]["location"].split("/", 3)[:3] if urls else []
        origin = "/".join(base)
        versions: dict = {}
        for version in self.translations_of([url["item"] for url in urls]):
            versions.setdefault(version.translation_key, []).append(version)
        for url in urls:
            found = alternates(versions.get(url["item"].translation_key, ()))
            if len(found) > 1:
                url["alternates"] = [
                    {"location": f"{origin}{each['url']}", "lang_code": each["language"]}
                    for each in found
                ]
        return urls


class StorySitemap(EditionSitemap):
    """The edition's published stories, newest first; 5,000 a page, so a million stories take
    200 pages."""

    limit = 5000
    changefreq = "daily"

    def items(self):
        return (
            Article.objects.published()
            .filter(locale__language_code=current_edition())
            .newest_first()
            .select_related("section", "locale")
            .only(
                "slug",
                "first_published_at",
                "last_published_at",
                "updated_at",
                "section__slug",
                "translation_key",
                "locale__language_code",
            )
        )

    def translations_of(self, items: list) -> list:
        return list(
            Article.objects.published()
            .filter(translation_key__in={item.translation_key for item in items})
            .select_related("section", "locale")
            .only(
                "slug",
                "first_published_at",
                "section__slug",
                "translation_key",
                "locale__language_code",
            )
        )

    def lastmod(self, story):
        return story.last_published_at or story.first_published_at


class SectionSitemap(EditionSitemap):
    changefreq = "hourly"
    priority = 0.8

    def items(self):
        return (
            SectionPage.objects.live()
            .public()
            .filter(locale__language_code=current_edition())
            .order_by("path")
        )

    def translations_of(self, items: list) -> list:
        return list(
            SectionPage.objects.live()
            .public()
            .filter(translation_key__in={item.translation_key for item in items})
            .select_related("locale")
        )

    def location(self, section):
        return section.url

    def lastmod(self, section):
        return section.last_published_at


SITEMAPS = {"sections": SectionSitemap, "stories": StorySitemap}
