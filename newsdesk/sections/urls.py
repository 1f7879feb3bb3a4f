from django.urls import path

from newsdesk.sections import views

urlpatterns = [
    # Wagtail's own address and name, so its templates' links come here.
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        views.authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
]
