"""Sitemaps for search engines: sections and every published story."""

from django.contrib.sitemaps import Sitemap

from newsdesk.articles.models import Article
from newsdesk.sections.models import SectionPage


class StorySitemap(Sitemap):
    """Every published story, newest first; 5,000 a page, so a million stories take 200 pages."""

    limit = 5000
    changefreq = "daily"

    def items(self):
        return (
            Article.objects.published()
            .newest_first()
            .select_related("section")
            .only("slug", "first_published_at", "last_published_at", "updated_at", "section__slug")
        )

    def lastmod(self, story):
        return story.last_published_at or story.first_published_at


class SectionSitemap(Sitemap):
    changefreq = "hourly"
    priority = 0.8

    def items(self):
        return SectionPage.objects.live().public().order_by("path")

    def location(self, section):
        return section.url

    def lastmod(self, section):
        return section.last_published_at


SITEMAPS = {"sections": SectionSitemap, "stories": StorySitemap}
