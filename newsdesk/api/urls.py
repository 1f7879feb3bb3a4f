from django.urls import path

from newsdesk.api.views import api

urlpatterns = [path("api/", api.urls)]
