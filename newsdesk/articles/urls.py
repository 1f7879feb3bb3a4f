from django.urls import path, re_path

from newsdesk.articles import views

app_name = "articles"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("tags/<str:slug>/", views.tag, name="tag"),
    path("corrections/", views.corrections, name="corrections"),
    re_path(
        r"^(?P<section>[-\w]+)/(?P<year>\d{4})/(?P<month>\d{2})/(?P<day>\d{2})/(?P<slug>[-\w]+)/$",
        views.story,
        name="story",
    ),
]
