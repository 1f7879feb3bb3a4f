"""Staff login's admin pages, under /admin/ (registered by wagtail_hooks)."""

from django.urls import path

from newsdesk.staff_login import views

urlpatterns = [
    path("two-step/", views.EnrolView.as_view(), name="staff_login_enrol"),
    path("two-step/verify/", views.VerifyView.as_view(), name="staff_login_verify"),
    path("two-step/remove/", views.RemoveView.as_view(), name="staff_login_remove"),
    path("sign-in-lockouts/", views.LockoutsView.as_view(), name="staff_login_lockouts"),
]
