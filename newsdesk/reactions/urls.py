from django.urls import path

from newsdesk.reactions import views

app_name = "reactions"

urlpatterns = [
    path("reactions/<int:story_id>/", views.vote, name="vote"),
]
