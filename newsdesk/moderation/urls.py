"""Moderation's public addresses: the digest's unsubscribe link and the analyze endpoint."""

from django.urls import path

from newsdesk.moderation import views

app_name = "moderation"

urlpatterns = [
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    # Perspective's address shape, so a client needs only a new base URL.
    path("v1alpha1/comments:analyze", views.comments_analyze, name="comments_analyze"),
]
