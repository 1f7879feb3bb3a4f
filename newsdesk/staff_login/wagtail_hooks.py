"""Plug staff login into the Wagtail admin: its pages, a panel in Account, Settings → lockouts."""

from django import forms
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.account import BaseSettingsPanel

from newsdesk.staff_login import services


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("", include("newsdesk.staff_login.urls"))]


class LockoutsMenuItem(MenuItem):
    def is_shown(self, request):
        return services.is_administrator(request.user)


@hooks.register("register_settings_menu_item")
def register_lockouts_menu_item():
    return LockoutsMenuItem(
        _("Sign-in lockouts"), reverse("staff_login_lockouts"), icon_name="lock", order=610
    )


class TwoStepSettingsPanel(BaseSettingsPanel):
    """Whether two-step verification is on, with the link to set it up or turn it off."""

    name = "two_step"
    title = _("Two-step verification")
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
