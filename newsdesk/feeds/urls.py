from django.urls import path

from newsdesk.delivery import cached_page
from newsdesk.feeds import views
from newsdesk.feeds.comments import StoryCommentsFeed
from newsdesk.feeds.feeds import (
    AuthorStoriesFeed,
    CorrectionsFeed,
    LatestStoriesFeed,
    SectionStoriesFeed,
    TagStoriesFeed,
    in_format,
)
from newsdesk.feeds.sitemaps import SITEMAPS, NewsSitemap

app_name = "feeds"

#: Each feed's address and name in RSS (the address itself), Atom (`atom/`) and JSON Feed (`json/`).
FEEDS = [
    ("feeds/latest/", "latest", LatestStoriesFeed),
    ("feeds/sections/<str:slug>/", "section", SectionStoriesFeed),
    ("feeds/authors/<str:slug>/", "author", AuthorStoriesFeed),
    ("feeds/tags/<str:slug>/", "tag", TagStoriesFeed),
    ("feeds/corrections/", "corrections", CorrectionsFeed),
    ("feeds/comments/<int:story_id>/", "comments", StoryCommentsFeed),
]


def feed_patterns():
    # Every feed carries `feed` (every story, section or byline change purges it) and the keys
    # of what it lists (feeds.ReaderFeed).
    for address, name, feed_class in FEEDS:
        yield path(address, cached_page("feed")(in_format(feed_class, "rss")()), name=name)
        for kind in ("atom", "json"):
            view = cached_page("feed")(in_format(feed_class, kind)())
            yield path(f"{address}{kind}/", view, name=f"{name}-{kind}")


# Sitemaps carry `sitemap`; the index and the story sitemap's pages are kept no longer than
# where those pages start (views.sitemap_index, views.sitemap).
urlpatterns = [
    *feed_patterns(),
    path(
        "sitemap.xml",
        cached_page("sitemap")(views.sitemap_index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "feeds:sitemap"},
        name="sitemap-index",
    ),
    # Before the other sitemaps' address, which the index's link to it (`sitemap-news.xml`)
    # also matches. Stories leave it as they age, with no purge: it is kept minutes, not a day.
    path(
        "sitemap-news.xml",
        cached_page("sitemap", lifetime=NewsSitemap.LIFETIME)(views.news_sitemap),
        name="news-sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        cached_page("sitemap")(views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
]
