"""RSS feeds of published stories, per edition: the whole edition, and one per section. Each
feed's `<language>` is its edition's (Django's Feed takes the active language)."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext

from newsdesk.articles.services import published_stories
from newsdesk.bylines.services import byline_text
from newsdesk.editions.services import current_edition
from newsdesk.sections.models import SectionPage

FEED_LENGTH = 30


class LatestStoriesFeed(Feed):
    """The newest published stories of the whole site."""

    feed_type = Rss201rev2Feed

    def title(self):
        return settings.WAGTAIL_SITE_NAME

    def link(self):
        return reverse("wagtail_serve", args=[""])  # the edition's front page

    def description(self):
        return gettext("The latest stories from %(site)s") % {"site": settings.WAGTAIL_SITE_NAME}

    def stories(self):
        return published_stories()

    def items(self):
        return list(self.stories()[:FEED_LENGTH])

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        return item.standfirst

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        # The story's id survives a change of slug or section; its address may not.
        return f"newsdesk:story:{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.displayed_update or item.first_published_at

    def item_author_name(self, item):
        return byline_text(item.byline_entries.all())

    def item_categories(self, item):
        return [item.section.title]


class SectionStoriesFeed(LatestStoriesFeed):
    """The newest published stories of one section."""

    def get_object(self, request, slug):
        section = (
            SectionPage.objects.live()
            .public()
            .filter(locale__language_code=current_edition(), slug=slug)
            .first()
        )
        if section is None:
            raise Http404("No such section.")
        return section

    def title(self, section):
        return f"{section.title} | {settings.WAGTAIL_SITE_NAME}"

    def link(self, section):
        return section.url

    def description(self, section):
        return section.description or section.title

    def items(self, section):
        return list(published_stories().filter(section=section)[:FEED_LENGTH])
