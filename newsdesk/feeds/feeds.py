"""Feeds of published stories, per edition: the whole edition, each section, each staff author,
each tag, and the corrected stories; each in RSS 2.0, Atom and JSON Feed (generators.py).

One set of item methods (`StoryFeed`) serves every list and format; a format is the same class
with another `feed_type` (`in_format`). Each feed's `<language>` is its edition's (Django's Feed
takes the active language). Headlines and standfirsts are plain text: they go out as text where
the format has a text field, HTML-escaped where readers render HTML (generators.py).
"""

import copy

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Enclosure
from django.utils.formats import date_format
from django.utils.html import escape, format_html_join
from django.utils.translation import gettext

from newsdesk.articles.cache_keys import CORRECTIONS_KEY, story_key
from newsdesk.articles.services import corrected_stories, published_stories
from newsdesk.bylines.services import byline_text
from newsdesk.delivery import make_key, tag_response
from newsdesk.feeds import services
from newsdesk.feeds.full_text import story_full_text
from newsdesk.feeds.generators import FORMATS, MediaRssFeed
from newsdesk.sections.context_processors import navigation


def site_name(request) -> str:
    """The site's name as its pages show it (the Wagtail site's, kept with the navigation), or
    `WAGTAIL_SITE_NAME` when the site has none."""
    return navigation(request).get("site_name") or settings.WAGTAIL_SITE_NAME


class ReaderFeed(Feed):
    """A feed answered per request: the request is kept on a copy of the feed (the instance in
    the URLconf is shared by every thread), and the response carries the cache keys of what it
    lists (`keys`, filled by `items`)."""

    feed_type = MediaRssFeed
    #: The attribute of the feed's object that its address takes (`feed_links`), if any.
    address_arg: str | None = None
    #: Set per request (`site_name`), or by `feed_links` from the page's context.
    site_name = ""

    def __call__(self, request, *args, **kwargs):
        feed = copy.copy(self)
        feed.request = request
        feed.site_name = site_name(request)
        feed.keys = []
        response = Feed.__call__(feed, request, *args, **kwargs)
        return tag_response(response, feed.keys)

    def site_title(self, title: str | None = None) -> str:
        """A feed's title: `title | Site name`, or the site's name alone."""
        name = self.site_name or settings.WAGTAIL_SITE_NAME
        return f"{title} | {name}" if title else name

    def absolute(self, path: str) -> str:
        return self.request.build_absolute_uri(path)

    def author_name(self, obj=None):
        # Atom asks for an author of the feed when an entry names none.
        return self.site_title()


class StoryFeed(ReaderFeed):
    """The newest published stories of the whole edition; the base of every story feed."""

    def title(self, obj=None):
        return self.site_title()

    def link(self, obj=None):
        return reverse("wagtail_serve", args=[""])  # the edition's front page

    def description(self, obj=None):
        return gettext("The latest stories from %(site)s") % {"site": self.site_title()}

    def subtitle(self, obj=None):
        return self._get_dynamic_attr("description", obj)

    def stories(self, obj):
        return published_stories()

    def object_keys(self, obj) -> list[str]:
        """The keys of what the feed is of (a section, an author, a tag)."""
        return []

    def items(self, obj=None):
        stories = services.feed_stories(self.stories(obj))
        for story in stories:
            story.feed_photo = services.feed_photo(story.lead_photo, self.absolute)
        self.keys += self.object_keys(obj)
        for story in stories:
            self.keys.append(story_key(story.pk))
            self.keys += [make_key("tag", tag.pk, "label") for tag in story.tags.all()]
            if story.lead_photo_id:
                self.keys.append(make_key("photo", story.lead_photo_id))
        return stories

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        # Readers render RSS's description and Atom's summary as HTML: the plain standfirst is
        # escaped for it, so "<b>" or "&" in it reads as written.
        return escape(item.standfirst) if item.standfirst else None

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        # The story's id survives a change of slug or section; its address may not. A story
        # brought from an old site keeps the guid its feed readers already have (imports).
        return item.feed_guid or f"newsdesk:story:{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.displayed_update or item.first_published_at

    def item_author_name(self, item):
        return byline_text(item.byline_entries.all()) or None

    def item_categories(self, item):
        return [item.section.title, *(tag.name for tag in item.tags.all())]

    def item_enclosures(self, item):
        photo = item.feed_photo
        if not photo:
            return []
        return [Enclosure(photo["url"], str(photo["length"]), photo["type"])]

    def item_credits(self, item) -> list[dict]:
        credits = []
        for entry in item.byline_entries.all():
            if entry.author_id:
                url = self.absolute(entry.author.get_absolute_url())
                credits.append({"name": entry.author.name, "url": url, "kind": "author"})
            elif entry.agency_id:
                agency = entry.agency
                credits.append({"name": agency.short_name, "url": agency.url, "kind": "agency"})
        return credits

    def item_summary_text(self, item) -> str:
        return item.standfirst

    def item_content_html(self, item) -> str | None:
        if not settings.NEWSDESK_FEED_FULL_TEXT:
            return None
        return story_full_text(item, self.absolute("/"))

    def item_extra_kwargs(self, item):
        return {
            "credits": self.item_credits(item),
            "summary_text": self.item_summary_text(item),
            "content_html": self.item_content_html(item),
            "photo": item.feed_photo,
        }


#: The edition's latest stories (the name of the feed that came first).
LatestStoriesFeed = StoryFeed


class SectionStoriesFeed(StoryFeed):
    """The newest published stories of one section."""

    address_arg = "slug"

    def get_object(self, request, slug):
        return services.find_section(slug)

    def title(self, section):
        return self.site_title(section.title)

    def link(self, section):
        return section.url

    def description(self, section):
        return section.description or section.title

    def stories(self, section):
        return published_stories().filter(section=section)

    def object_keys(self, section):
        return [make_key("section", section.pk)]


class AuthorStoriesFeed(StoryFeed):
    """The newest published stories crediting one staff author (their edition's profile)."""

    address_arg = "slug"

    def get_object(self, request, slug):
        return services.find_author(slug)

    def title(self, author):
        return self.site_title(author.name)

    def link(self, author):
        return author.get_absolute_url()

    def description(self, author):
        return gettext("Stories by %(name)s") % {"name": author.name}

    def stories(self, author):
        return published_stories().filter(byline_entries__author=author)

    def object_keys(self, author):
        return [make_key("author", author.pk)]


class TagStoriesFeed(StoryFeed):
    """The newest published stories of the edition with one tag."""

    address_arg = "slug"

    def get_object(self, request, slug):
        return services.find_tag(slug)

    def title(self, tag):
        return self.site_title(gettext("Stories tagged %(name)s") % {"name": tag.name})

    def link(self, tag):
        return reverse("articles:tag", kwargs={"slug": tag.slug})

    def description(self, tag):
        return gettext("Stories tagged %(name)s") % {"name": tag.name}

    def stories(self, tag):
        return published_stories().filter(tagged_items__tag=tag)

    def object_keys(self, tag):
        return [make_key("tag", tag.pk)]


class CorrectionsFeed(StoryFeed):
    """The corrected stories of the edition, the most recently corrected first; an item is a
    story with its correction notices, new (another guid) with each correction."""

    def title(self, obj=None):
        return self.site_title(gettext("Corrections"))

    def link(self, obj=None):
        return reverse("articles:corrections")

    def description(self, obj=None):
        return gettext("Corrections to stories published by %(site)s") % {"site": self.site_title()}

    def stories(self, obj):
        return corrected_stories()

    def object_keys(self, obj):
        return [CORRECTIONS_KEY]

    def item_guid(self, item):
        return f"newsdesk:story:{item.pk}:correction:{item.correction_notices[0].pk}"

    def item_updateddate(self, item):
        return item.last_corrected_at

    def notices(self, item) -> list[tuple[str, str]]:
        return [
            (date_format(notice.noted_at, "DATE_FORMAT"), notice.text)
            for notice in item.correction_notices
        ]

    def item_description(self, item):
        label = gettext("Correction")
        return format_html_join(
            "", "<p><strong>{} ({})</strong>: {}</p>", ((label, *n) for n in self.notices(item))
        )

    def item_summary_text(self, item):
        label = gettext("Correction")
        return "\n".join(f"{label} ({day}): {text}" for day, text in self.notices(item))


def in_format(feed_class: type[Feed], name: str) -> type[Feed]:
    """`feed_class` written as `name` ("rss", "atom" or "json")."""
    return type(f"{feed_class.__name__}_{name}", (feed_class,), {"feed_type": FORMATS[name]})
