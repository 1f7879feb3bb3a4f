from django.urls import path

from newsdesk.bylines import views

app_name = "bylines"

urlpatterns = [
    path("authors/<str:slug>/", views.author, name="author"),
]
