"""The lockout page, and the pages of two-step verification: verify, enrol, remove."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from newsdesk.staff_login import services
from newsdesk.staff_login.forms import CodeForm


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """django-axes' lockout answer: the admin's sign-in look, 429, and when to try again."""
    context = {
        "retry_at": services.lockout_ends_at(request, credentials),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
    }
    response = TemplateResponse(request, "staff_login/locked_out.html", context, status=429)
    retry_after = context["retry_at"]
    if retry_after:
        response["Retry-After"] = str(max(1, int((retry_after - timezone.now()).total_seconds())))
    return response.render()


def password_reset_refused(request: HttpRequest, retry_at) -> HttpResponse:
    """Too many password reset requests from this address or for this email: 429."""
    response = TemplateResponse(
        request, "staff_login/password_reset_refused.html", {"retry_at": retry_at}, status=429
    )
    return response.render()


def _next_url(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@method_decorator(never_cache, name="dispatch")
class VerifyView(FormView):
    """The second step of signing in: the code from the staff member's app."""

    form_class = CodeForm
    template_name = "staff_login/verify.html"

    def dispatch(self, request, *args, **kwargs):
        if not services.has_two_factor(request.user) or request.user.is_verified():
            return redirect(_next_url(request, reverse("wagtailadmin_home")))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(next=_next_url(self.request, ""), **kwargs)

    def form_valid(self, form):
        refusal = services.verify_login(self.request, form.cleaned_data["code"])
        if refusal:
            form.add_error("code", refusal)
            return self.form_invalid(form)
        return redirect(_next_url(self.request, reverse("wagtailadmin_home")))


@method_decorator(never_cache, name="dispatch")
class TwoFactorAccountView(WagtailAdminTemplateMixin, FormView):
    """A page of the account's two-step verification, confirmed with a code; none when the
    site has two-step verification off."""

    form_class = CodeForm
    header_icon = "key"

    def dispatch(self, request, *args, **kwargs):
        if services.two_factor_policy() == services.OFF:
            raise Http404
        return self.elsewhere(request) or super().dispatch(request, *args, **kwargs)

    def elsewhere(self, request) -> HttpResponse | None:
        """Where to send a user this page is not for (already enrolled, or not), else None."""
        return None

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse("wagtailadmin_account"), "label": "Account"},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            required=services.two_factor_required(self.request.user), **kwargs
        )


class EnrolView(TwoFactorAccountView):
    """Set up an authenticator app: scan the code, type what the app shows."""

    template_name = "staff_login/enrol.html"
    page_title = _("Two-step verification")

    def elsewhere(self, request) -> HttpResponse | None:
        if services.has_two_factor(request.user):
            messages.info(request, gettext("Two-step verification is already on for your account."))
            return redirect("wagtailadmin_account")
        self.device = services.start_enrolment(request.user)
        return None

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            qr_code=services.qr_code_svg(self.device),
            secret=services.secret_for_typing(self.device),
            next=_next_url(self.request, ""),
            **kwargs,
        )

    def form_valid(self, form):
        refusal = services.confirm_enrolment(self.request, self.device, form.cleaned_data["code"])
        if refusal:
            form.add_error("code", refusal)
            return self.form_invalid(form)
        messages.success(
            self.request,
            gettext("Two-step verification is on. You will need your app at each sign-in."),
        )
        return redirect(_next_url(self.request, reverse("wagtailadmin_account")))


class RemoveView(TwoFactorAccountView):
    """Turn two-step verification off, proven with a current code."""

    template_name = "staff_login/remove.html"
    page_title = _("Turn off two-step verification")

    def elsewhere(self, request) -> HttpResponse | None:
        if not services.has_two_factor(request.user):
            return redirect("wagtailadmin_account")
        return None

    def form_valid(self, form):
        device = services.confirmed_device(self.request.user)
        refusal = (
            services.code_refusal(device, form.cleaned_data["code"])
            if device
            else gettext("Your second step is not an authenticator app; ask an administrator.")
        )
        if refusal:
            form.add_error("code", refusal)
            return self.form_invalid(form)
        services.remove_two_factor(self.request.user)
        messages.success(self.request, gettext("Two-step verification is off for your account."))
        return redirect("wagtailadmin_account")


@method_decorator(never_cache, name="dispatch")
class LockoutsView(WagtailAdminTemplateMixin, TemplateView):
    """Administrators see who is locked out of signing in, and unlock them."""

    template_name = "staff_login/lockouts.html"
    page_title = _("Sign-in lockouts")
    header_icon = "lock"

    def dispatch(self, request, *args, **kwargs):
        if not services.is_administrator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(lockouts=services.current_lockouts(), **kwargs)

    def post(self, request):
        kind, value = request.POST.get("kind", ""), request.POST.get("value", "")
        if kind not in {"account", "address"} or not value:
            messages.error(request, gettext("Choose an account or an address to unlock."))
        else:
            services.unlock(kind, value, request.user)
            unlocked = (
                gettext("Unlocked the account %(value)s: it can sign in again now.")
                if kind == "account"
                else gettext("Unlocked the address %(value)s: it can sign in again now.")
            )
            messages.success(request, unlocked % {"value": value})
        return redirect("staff_login_lockouts")
