from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from newsdesk.feeds.feeds import LatestStoriesFeed, SectionStoriesFeed
from newsdesk.feeds.sitemaps import SITEMAPS

app_name = "feeds"

urlpatterns = [
    path("feeds/latest/", LatestStoriesFeed(), name="latest"),
    path("feeds/sections/<str:slug>/", SectionStoriesFeed(), name="section"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "feeds:sitemap"},
        name="sitemap-index",
    ),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]
