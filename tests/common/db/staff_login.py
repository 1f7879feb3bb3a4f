"""Test data of staff login: staff members who may open the admin, and their authenticator apps."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

#: The password every staff member made here signs in with.
PASSWORD = "correct horse battery staple"


def make_staff(username: str = "edna", *, superuser: bool = False, **fields):
    """A staff member who may open the Wagtail admin (a superuser when `superuser`)."""
    users = get_user_model().objects
    email = fields.pop("email", f"{username}@example.org")
    if superuser:
        return users.create_superuser(username=username, email=email, password=PASSWORD, **fields)
    user = users.create_user(username=username, email=email, password=PASSWORD, **fields)
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    return user


def make_authenticator(user, *, confirmed: bool = True) -> TOTPDevice:
    """An authenticator app enrolled (or, unconfirmed, being enrolled) by `user`."""
    return TOTPDevice.objects.create(user=user, name="Phone", confirmed=confirmed)


def current_code(device: TOTPDevice) -> str:
    """The six digits the app shows now."""
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def wrong_code(device: TOTPDevice) -> str:
    """Six digits that are not the code of now, nor of the periods either side of it."""
    accepted = {
        f"{totp(device.bin_key, device.step, device.t0, device.digits, drift):06d}"
        for drift in (-1, 0, 1)
    }
    return next(code for code in ("000000", "111111", "222222", "333333") if code not in accepted)
