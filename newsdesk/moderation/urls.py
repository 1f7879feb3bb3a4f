"""Moderation's public addresses: only the digest's unsubscribe link."""

from django.urls import path

from newsdesk.moderation import views

app_name = "moderation"

urlpatterns = [
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
