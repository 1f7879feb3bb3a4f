"""Plug two-step verification into the Wagtail admin: its pages and a panel in Account."""

from django import forms
from django.urls import include, path
from wagtail import hooks
from wagtail.admin.views.account import BaseSettingsPanel

from newsdesk.staff_login import services


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("", include("newsdesk.staff_login.urls"))]


class TwoStepSettingsPanel(BaseSettingsPanel):
    """Whether two-step verification is on, with the link to set it up or turn it off."""

    name = "two_step"
    title = "Two-step verification"
    order = 550
    template_name = "staff_login/account_panel.html"

    def is_active(self):
        return services.two_factor_policy() != services.OFF

    def get_form(self):
        # Nothing to save from the account form: enrolment has its own page.
        return forms.Form(prefix=self.name)

    def get_context_data(self):
        return {
            "enabled": services.has_two_factor(self.user),
            "required": services.two_factor_required(self.user),
        }


@hooks.register("register_account_settings_panel")
def two_step_panel(request, user, profile):
    return TwoStepSettingsPanel(request, user, profile)
