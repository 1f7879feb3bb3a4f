from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from newsdesk.delivery import cached_page
from newsdesk.feeds import views
from newsdesk.feeds.feeds import LatestStoriesFeed, SectionStoriesFeed
from newsdesk.feeds.sitemaps import SITEMAPS, NewsSitemap

app_name = "feeds"

# Feeds carry `feed` and sitemaps `sitemap`: every story, section or byline change purges them.
urlpatterns = [
    path("feeds/latest/", cached_page("feed")(LatestStoriesFeed()), name="latest"),
    path("feeds/sections/<str:slug>/", cached_page("feed")(SectionStoriesFeed()), name="section"),
    path(
        "sitemap.xml",
        cached_page("sitemap")(sitemap_views.index),
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
        cached_page("sitemap")(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
]
