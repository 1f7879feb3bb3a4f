from django.urls import path

from newsdesk.discussion import views

app_name = "discussion"

urlpatterns = [
    path("discussion/stories/<int:story_id>/comments/", views.post_comment, name="post"),
    path("discussion/token/", views.form_token, name="token"),
    path("discussion/posted/<str:token>/", views.posted, name="posted"),
    path("discussion/reply/<int:comment_id>/", views.reply, name="reply"),
    path("discussion/policy/", views.policy, name="policy"),
    path("discussion/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
