"""Sitemaps for search engines, one set per edition: its sections and its published stories,
each with `hreflang` alternates naming its published translations in the other editions; and
a Google News sitemap of the edition's stories of the last two days."""

from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.utils import timezone

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

    def get_latest_lastmod(self):
        # Django's default reads every story of the edition (a million rows) to give each page
        # of the index the same date; each entry of a page carries its own `lastmod` instead.
        return None


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


class NewsSitemap(Sitemap):
    """The edition's stories first published in the last two days, newest first, for Google
    News (`news:news`: publication name and language, publication date, title).

    By first publication, not update: an old story updated today is not news again. The list
    changes as stories age without any purge, so its page is kept only `LIFETIME` seconds.
    """

    #: Google News reads stories published in the last two days, at most 1,000 a sitemap.
    WINDOW = timedelta(days=2)
    limit = 1000
    #: Seconds the page cache and proxies may keep it: a story leaves it at most this late.
    LIFETIME = 300

    def __init__(self, now=None):
        self.now = now

    def items(self):
        since = (self.now or timezone.now()) - self.WINDOW
        return (
            Article.objects.published()
            .filter(locale__language_code=current_edition(), first_published_at__gte=since)
            .newest_first()
            .select_related("section", "locale")
            .only(
                "headline",
                "slug",
                "first_published_at",
                "section__slug",
                "locale__language_code",
            )
        )

    def get_latest_lastmod(self):
        return None


SITEMAPS = {"sections": SectionSitemap, "stories": StorySitemap, "news": NewsSitemap}
