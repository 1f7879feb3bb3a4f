"""Admin views of translations. HTTP only: the work is in services.py."""

from django.apps import apps
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from newsdesk.editions import services


@require_POST
def mark_current(request, app_label: str, model_name: str, pk: str):
    """Record that a translation has been brought up to date with its source."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        raise Http404("No such model.") from None
    if not hasattr(model, "translated_from_revision"):
        raise Http404("This model's translations are not tracked.")
    if not request.user.has_perm(f"{app_label}.change_{model_name}"):
        raise PermissionDenied
    translation = get_object_or_404(model, pk=pk)
    try:
        services.mark_translation_current(translation, request.user)
    except ValueError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Marked as up to date with its source."))
    return HttpResponseRedirect(
        reverse(f"wagtailsnippets_{app_label}_{model_name}:edit", args=[pk])
    )
