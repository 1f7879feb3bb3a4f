"""Two gates in front of the admin: a staff member's second step, and the password reset limit."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse

from newsdesk.staff_login import services, views

#: Pages a signed-in staff member reaches before their second step: signing in and out, the
#: second step itself, and what the admin's login-style pages load.
OPEN_BEFORE_SECOND_STEP = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "staff_login_verify",
    "staff_login_enrol",
}


class StaffLoginMiddleware:
    """Send staff to their second step until they pass it; refuse floods of password resets.

    Comes after django-otp's OTPMiddleware (which tells whether this session passed a second
    step) and Django's MessageMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        url_name = request.resolver_match.url_name if request.resolver_match else None
        if url_name == "wagtailadmin_password_reset" and request.method == "POST":
            return self.limit_password_resets(request)
        return self.second_step(request, url_name)

    def limit_password_resets(self, request):
        refused_until = services.reset_throttle_refusal(request, request.POST.get("email", ""))
        if refused_until:
            return views.password_reset_refused(request, refused_until)
        return None

    def second_step(self, request, url_name):
        # Without a session cookie nobody is signed in. Asking request.user would read the
        # session, and Django would then mark every reader's page "Vary: Cookie", uncacheable.
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if services.two_factor_policy() == services.OFF or url_name in OPEN_BEFORE_SECOND_STEP:
            return None
        is_verified = getattr(user, "is_verified", None)
        if is_verified is not None and is_verified():
            return None
        if not user.has_perm("wagtailadmin.access_admin"):
            return None
        if services.has_two_factor(user):
            return redirect_to_login(request.get_full_path(), reverse("staff_login_verify"))
        if services.two_factor_required(user):
            return redirect_to_login(request.get_full_path(), reverse("staff_login_enrol"))
        return None
