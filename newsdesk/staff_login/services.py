"""Protecting staff sign-in: whose address a login came from, lockouts, and two-step verification.

django-axes counts failed logins and locks out an account or an address (settings in
`newsdesk.config.settings.base`); django-otp keeps the TOTP devices. This module is the newsroom's
side of both: the address axes should count, when a lockout ends, who must use a second step, and
enrolling, verifying and removing a staff member's authenticator app.
"""

import hashlib
import ipaddress
import logging
from base64 import b32encode
from dataclasses import dataclass
from datetime import datetime, timedelta

import django_otp
import qrcode
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.core.cache import cache
from django.db.models import Max, Sum
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django_otp.plugins.otp_totp.models import TOTPDevice
from qrcode.image.svg import SvgPathFillImage

from newsdesk.reader_requests import reader_ip

logger = logging.getLogger(__name__)

OFF = "off"
OPTIONAL = "optional"
REQUIRED_FOR_ADMINISTRATORS = "required-for-administrators"
REQUIRED_FOR_STAFF = "required-for-staff"
DEVICE_NAME = "Authenticator app"


# Login attempts and lockouts (django-axes)


def _valid_address(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str | None:
    """The address django-axes counts failed logins against: the reader's IP behind our proxies.

    `reader_ip` trusts only the X-Forwarded-For hops our own proxies wrote, so a client cannot
    dodge a lockout by claiming another address. When it has no valid address (a malformed
    hop), the connection's own address is counted instead: at worst that is our proxy's, which
    locks more people out, never fewer.
    """
    return _valid_address(reader_ip(request)) or _valid_address(request.META.get("REMOTE_ADDR"))


def forget_failures_on_sign_in(sender, request, user, **kwargs) -> None:
    """A successful sign-in clears that account's failed attempts, and only that account's.

    Not django-axes' AXES_RESET_ON_SUCCESS: it also clears every failure from the same address,
    whichever account they were against, so a colleague could guess a password in rounds
    between their own sign-ins.
    """
    AxesProxyHandler.reset_attempts(username=user.get_username())


def lockout_ends_at(request: HttpRequest, credentials: dict | None = None) -> datetime | None:
    """When the lockout that refused `request` ends at the latest, or None if it never ends.

    Each failure during a lockout starts the cool-off again (django-axes' default), so the
    end is the newest failure of each locked account or address plus the cool-off.
    """
    cool_off = get_cool_off(request)
    if not cool_off:
        return None
    limit = get_failure_limit(request, credentials)
    handler = AxesProxyHandler.get_implementation()
    ends = []
    for attempts in handler.get_user_attempts(request, credentials):
        summary = attempts.aggregate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        if summary["failures"] and summary["failures"] >= limit and summary["last"]:
            ends.append(summary["last"] + cool_off)
    return max(ends) if ends else timezone.now() + cool_off


@dataclass(frozen=True)
class Lockout:
    """An account or an address that cannot sign in now, and until when."""

    kind: str  # "account" or "address"
    value: str
    failures: int
    ends_at: datetime


def current_lockouts() -> list[Lockout]:
    """Every account and address locked out now, the newest first."""
    limit = settings.AXES_FAILURE_LIMIT
    cool_off = settings.AXES_COOLOFF_TIME
    recent = AccessAttempt.objects.filter(attempt_time__gte=timezone.now() - cool_off)
    lockouts = []
    for kind, field in (("account", "username"), ("address", "ip_address")):
        rows = (
            recent.exclude(**{f"{field}__isnull": True})
            .values(field)
            .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
            .filter(failures__gte=limit)
        )
        lockouts += [
            Lockout(kind, row[field], row["failures"], row["last"] + cool_off) for row in rows
        ]
    return sorted(lockouts, key=lambda lockout: lockout.ends_at, reverse=True)


def unlock(kind: str, value: str, by) -> int:
    """Forget the failures of an account or an address, so it can sign in again at once."""
    if kind == "account":
        count = AxesProxyHandler.reset_attempts(username=value)
    elif kind == "address":
        count = AxesProxyHandler.reset_attempts(ip_address=value)
    else:
        raise ValueError(f"Cannot unlock a {kind!r}.")
    logger.info("%s unlocked sign-in for %s %s.", by.get_username(), kind, value)
    return count


def reset_throttle_refusal(request: HttpRequest, email: str) -> datetime | None:
    """Count one password reset request; return when the next is allowed if this one is refused.

    Counted per address and per email in the shared cache (Redis with REDIS_URL; without it,
    each worker process counts for itself), so nobody can flood a colleague's inbox or the mail
    server from the reset form.
    """
    limit = settings.NEWSDESK_PASSWORD_RESET_LIMIT
    window = timedelta(minutes=settings.NEWSDESK_PASSWORD_RESET_LIMIT_MINUTES)
    if limit < 1:
        return None
    now = timezone.now()
    keys = [f"staff_login:reset:address:{client_address(request)}"]
    if email:
        digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()
        keys.append(f"staff_login:reset:email:{digest}")
    refused_until = None
    for key in keys:
        cache.add(f"{key}:since", now, timeout=window.total_seconds())
        cache.add(f"{key}:count", 0, timeout=window.total_seconds())
        try:
            count = cache.incr(f"{key}:count")
        except ValueError:  # the window ended between add and incr
            count = 1
        if count > limit:
            since = cache.get(f"{key}:since") or now
            until = since + window
            refused_until = max(refused_until, until) if refused_until else until
    if refused_until:
        logger.warning("Password reset refused: too many requests (%s).", ", ".join(keys))
    return refused_until


# Two-step verification (django-otp)


def two_factor_policy() -> str:
    """The site's NEWSDESK_ADMIN_2FA: off, optional, required-for-administrators or -staff."""
    return settings.NEWSDESK_ADMIN_2FA


def is_administrator(user) -> bool:
    """Superusers, and anyone who may add or change user accounts (and so could become one)."""
    return user.is_superuser or user.has_perm("auth.add_user") or user.has_perm("auth.change_user")


def two_factor_required(user) -> bool:
    """Whether the site's policy makes `user` verify a second step before using the admin."""
    policy = two_factor_policy()
    if policy == REQUIRED_FOR_STAFF:
        return True
    if policy == REQUIRED_FOR_ADMINISTRATORS:
        return is_administrator(user)
    return False


def confirmed_device(user) -> TOTPDevice | None:
    """The user's enrolled authenticator app, if they have one."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def has_two_factor(user) -> bool:
    """Whether `user` has any confirmed second-step device (of any kind django-otp knows)."""
    return django_otp.user_has_device(user, confirmed=True)


def start_enrolment(user) -> TOTPDevice:
    """The unconfirmed device `user` is enrolling: the same secret until they confirm it."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def qr_code_svg(device: TOTPDevice) -> str:
    """The device's otpauth:// address as an SVG QR code, to put inline in the page."""
    # A white background of its own, so the code scans in the admin's dark theme too.
    image = qrcode.make(device.config_url, image_factory=SvgPathFillImage, box_size=16)
    return image.to_string(encoding="unicode").split("?>", 1)[-1].strip()


def secret_for_typing(device: TOTPDevice) -> str:
    """The device's secret in base32, in groups of four, for apps that cannot scan."""
    text = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def code_refusal(device: TOTPDevice, code: str) -> str | None:
    """Check `code` against `device`; return why it is refused, or None when it is right.

    django-otp doubles the wait after each wrong code (1, 2, 4, 8... seconds), which makes
    guessing a six-digit code hopeless.
    """
    allowed, details = device.verify_is_allowed()
    if not allowed:
        until = details.get("locked_until") if details else None
        if until:
            seconds = max(1, int((until - timezone.now()).total_seconds()) + 1)
            return ngettext(
                "Too many wrong codes. Wait %(seconds)s second, then try the newest code.",
                "Too many wrong codes. Wait %(seconds)s seconds, then try the newest code.",
                seconds,
            ) % {"seconds": seconds}
        return gettext("Too many wrong codes. Wait a moment, then try the newest code.")
    if not device.verify_token(code.replace(" ", "")):
        return gettext("That code is wrong or has expired. Enter the code your app shows now.")
    return None


def confirm_enrolment(request: HttpRequest, device: TOTPDevice, code: str) -> str | None:
    """Confirm the device `request.user` is enrolling with a code from it; None on success."""
    refusal = code_refusal(device, code)
    if refusal:
        return refusal
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    django_otp.login(request, device)
    logger.info("Two-step verification turned on for %s.", request.user.get_username())
    return None


def verify_login(request: HttpRequest, code: str) -> str | None:
    """Complete `request.user`'s sign-in with a code from their app; None on success."""
    device = confirmed_device(request.user)
    if device is None:
        return gettext("You have no authenticator app set up.")
    refusal = code_refusal(device, code)
    if refusal:
        logger.warning("Wrong two-step code for %s.", request.user.get_username())
        return refusal
    django_otp.login(request, device)
    return None


def remove_two_factor(user) -> int:
    """Remove every second-step device of `user` (a lost phone); return how many were removed."""
    removed = 0
    for device in django_otp.devices_for_user(user, confirmed=None):
        device.delete()
        removed += 1
    if removed:
        logger.info("Two-step verification removed for %s.", user.get_username())
    return removed
