"""The embargo: a time before which a story may not reach readers, whatever its schedule says.

Wire agencies send copy ahead of its release time ("embargoed until 12:00"). `Article.publish`
refuses a revision whose embargo has not passed unless it is scheduled to go live at or after it,
so the admin, the command line, the worker and any later API all meet the same guard.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _


class Embargoed(PermissionDenied):
    """Publishing was refused: the story's embargo has not passed."""


def embargo_refusal(
    embargo_until: datetime | None, go_live_at: datetime | None = None, now: datetime | None = None
) -> str | None:
    """Why a story with this embargo and schedule may not be published now; None if it may.

    Scheduling it to go live at or after the embargo is allowed: it then waits for that time.
    """
    now = now or timezone.now()
    if not embargo_until or embargo_until <= now:
        return None
    if go_live_at and go_live_at >= embargo_until:
        return None
    when = date_format(timezone.localtime(embargo_until), "DATETIME_FORMAT")
    return _(
        "Embargoed until %(when)s: this story cannot be published before then. Save it as a "
        "draft, or schedule it to go live at or after the embargo."
    ) % {"when": when}
