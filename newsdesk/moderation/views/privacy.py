"""A commenter's data request in the admin: everything stored about one email, as a JSON file.

The same export as `newsdesk export_commenter_data`, for holders of EXPORT_COMMENTER_DATA.
"""

import json

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from newsdesk.moderation.privacy import commenter_data
from newsdesk.moderation.roles import EXPORT_COMMENTER_DATA, has_permission


class CommenterDataForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Commenter's email address"),
        help_text=gettext_lazy("Comments, edits, bans and log lines stored about it."),
    )


def export_commenter_data(request):
    """/admin/moderation/commenter-data/: the form, then ?email=... downloads the JSON file."""
    if not has_permission(request.user, EXPORT_COMMENTER_DATA):
        raise PermissionDenied
    form = CommenterDataForm(request.GET if "email" in request.GET else None)
    if form.is_valid():
        email = form.cleaned_data["email"]
        response = HttpResponse(
            json.dumps(commenter_data(email), ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        name = slugify(email.replace("@", " at ")) or "commenter"
        response["Content-Disposition"] = f'attachment; filename="commenter-data-{name}.json"'
        return response
    return TemplateResponse(
        request,
        "moderation/commenter_data.html",
        {"form": form, "page_title": _("Export a commenter's data")},
        status=400 if form.is_bound else 200,
    )
