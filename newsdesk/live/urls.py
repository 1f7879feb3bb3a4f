from django.urls import path

from newsdesk.live import feeds, views

app_name = "live"

urlpatterns = [
    path("live/<int:coverage_id>/entries/after/<int:window>/", views.updates, name="updates"),
    path("live/<int:coverage_id>/feed/rss/", feeds.LiveEntriesFeed(), name="feed-rss"),
    path("live/<int:coverage_id>/feed/atom/", feeds.LiveEntriesAtomFeed(), name="feed-atom"),
    path("live/<int:coverage_id>/feed/json/", feeds.json_feed, name="feed-json"),
]
