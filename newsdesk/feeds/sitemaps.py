"""Sitemaps for search engines, one set per edition: its sections and its published stories,
each with `hreflang` alternates naming its published translations in the other editions; and
a Google News sitemap of the edition's stories of the last two days."""

import logging
import time
from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.core.paginator import Page, Paginator
from django.db.models import F, Window
from django.db.models.functions import Mod, RowNumber
from django.utils import timezone
from django.utils.functional import cached_property

from newsdesk.articles.addresses import StoryAddresses
from newsdesk.articles.models import Article
from newsdesk.delivery import shared_cache
from newsdesk.editions.services import alternates, current_edition, edition_locale, language_of
from newsdesk.sections.models import SectionPage

logger = logging.getLogger(__name__)


class EditionSitemap(Sitemap):
    """A sitemap of one edition whose entries name their translations (`xhtml:link`)."""

    def translations_of(self, items: list) -> list:
        """The published versions, in every edition, of `items` (one query)."""
        raise NotImplementedError

    def address_of(self, version) -> str:
        """The address of a version found by `translations_of`."""
        return version.get_url() if hasattr(version, "get_url") else version.get_absolute_url()

    def language_of(self, version) -> str:
        """The edition of a version found by `translations_of`."""
        return language_of(version.locale)

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        base = urls[0]["location"].split("/", 3)[:3] if urls else []
        origin = "/".join(base)
        versions: dict = {}
        for version in self.translations_of([url["item"] for url in urls]):
            versions.setdefault(version.translation_key, []).append(version)
        for url in urls:
            found = alternates(
                versions.get(url["item"].translation_key, ()), self.address_of, self.language_of
            )
            if len(found) > 1:
                url["alternates"] = [
                    {"location": f"{origin}{each['url']}", "lang_code": each["language"]}
                    for each in found
                ]
        return urls


#: What a story sitemap entry reads of a story and its translations.
STORY_FIELDS = (
    "pk",
    "slug",
    "first_published_at",
    "last_published_at",
    "section_slug",
    "translation_key",
    "language",
)


#: A sitemap file lists at most 50,000 addresses (sitemaps.org).
MOST_ENTRIES = 50_000


def clock() -> float:
    """Now, in seconds since the epoch: the hours of `StoryPages.LIFETIME` are counted on it."""
    return time.time()


class StoryPages(Paginator):
    """The story sitemap's pages, each read from where it starts (keyset), not by `OFFSET`.

    Django's paginator counts the stories on every request and reads a page with `OFFSET`,
    which reads and skips every story before it: the last of 200 pages took 5 s at a million
    stories. Here one query finds where each page starts (the date and id of every
    `per_page`-th story, newest first), and a page holds the stories from its start up to the
    next page's start along the newest-first index (the first page: from the newest story; the
    last: to the oldest). So the pages hold every story once, whatever was published, withdrawn
    or moved since the starts were found: stale starts only make a page a little longer or
    shorter (never longer than `MOST_ENTRIES`). The starts are found once per `LIFETIME` (an
    hour, on the clock, the same in every process) and shared (delivery's `shared_cache`); the
    index and the pages are kept no longer than the period whose starts they used
    (`seconds_left`), so the pages served together always share their starts. Django's
    paginator otherwise: its page numbers, its `Page`, its errors.
    """

    #: Seconds where the pages start is kept: a page grows at most by the stories published in
    #: its span within that time, and the edition's stories are read again once per period.
    LIFETIME = 3600

    def __init__(self, stories, per_page: int, name: str):
        super().__init__(stories, per_page)
        self.period = int(clock() // self.LIFETIME)
        self.name = f"{name}:{self.period}"

    @classmethod
    def seconds_left(cls) -> int:
        """Seconds until where the pages start is found again: as long as a page, or the index
        that counts them, may be kept (ask before the page is made)."""
        return max(1, int(cls.LIFETIME - clock() % cls.LIFETIME))

    @cached_property
    def starts(self) -> list[tuple]:
        """`(first_published_at, id)` of the first story of each page (the stories come
        newest first, `items()`), as the first process to find them in this period found them."""
        cache = shared_cache()
        try:
            found = cache.get(self.name)
        except Exception:
            logger.exception("The shared cache cannot be read; finding %s without it", self.name)
            return self.find_starts()
        if found is not None:
            return found
        found = self.find_starts()
        try:
            # The first found is kept: every process then makes its pages from the same starts.
            if not cache.add(self.name, found, timeout=self.seconds_left() + 1):
                found = cache.get(self.name, found)
        except Exception:
            logger.exception("Could not keep %s", self.name)
        return found

    def find_starts(self) -> list[tuple]:
        """Where each page starts, from the stories as they are now (one query)."""
        position = Window(RowNumber(), order_by=[F("first_published_at").desc(), F("pk").desc()])
        found = (
            self.object_list.annotate(position=position)
            .annotate(offset=Mod(F("position") - 1, self.per_page))
            .filter(offset=0)
            .values_list("first_published_at", "pk")
        )
        return list(found)

    @cached_property
    def num_pages(self) -> int:
        return max(1, len(self.starts))

    def page(self, number) -> Page:
        number = self.validate_number(number)
        stories = self.object_list
        if number > 1:  # from its start; the first page from the newest story
            published, pk = self.starts[number - 1]
            stories = stories.filter(first_published_at__lte=published).exclude(
                first_published_at=published, pk__gt=pk
            )
        if number < len(self.starts):  # up to the next page's start; the last to the oldest
            published, pk = self.starts[number]
            stories = stories.filter(first_published_at__gte=published).exclude(
                first_published_at=published, pk__lte=pk
            )
        found = list(stories[: MOST_ENTRIES + 1])
        if len(found) > MOST_ENTRIES:
            logger.warning(
                "Page %s of %s holds more than %s stories: the oldest wait for the next period",
                number,
                self.name,
                MOST_ENTRIES,
            )
        return self._get_page(found[:MOST_ENTRIES], number, self)


class StorySitemap(EditionSitemap):
    """The edition's published stories, newest first; about 5,000 a page, so a million stories
    take 200 pages, each read from where it starts to where the next starts (StoryPages)."""

    limit = 5000
    changefreq = "daily"

    def __init__(self):
        # reverse() once per edition for the page, not twice per story (articles/addresses.py).
        self.addresses = StoryAddresses()

    def items(self):
        # Rows, not Articles: making 5,000 ClusterableModel instances was most of a page's time.
        return (
            Article.objects.published()
            # The edition's locale id, so that its index of published stories answers.
            .filter(locale=edition_locale())
            .newest_first()
            .annotate(section_slug=F("section__slug"), language=F("locale__language_code"))
            .values_list(*STORY_FIELDS, named=True)
        )

    @cached_property
    def paginator(self) -> StoryPages:
        name = f"sitemap-story-pages:{current_edition()}:{self.limit}"
        return StoryPages(self.items(), self.limit, name)

    def address_of(self, version) -> str:
        return self.addresses.path(
            version.language, version.section_slug, version.first_published_at, version.slug
        )

    location = address_of

    def language_of(self, version) -> str:
        return version.language

    def translations_of(self, items: list) -> list:
        return list(
            Article.objects.published()
            .filter(translation_key__in={item.translation_key for item in items})
            .annotate(section_slug=F("section__slug"), language=F("locale__language_code"))
            .values_list(*STORY_FIELDS, named=True)
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
        self.addresses = StoryAddresses()

    def location(self, story) -> str:
        return self.addresses.of(story)

    def items(self):
        since = (self.now or timezone.now()) - self.WINDOW
        return (
            Article.objects.published()
            .filter(locale=edition_locale(), first_published_at__gte=since)
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
