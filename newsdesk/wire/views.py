"""The wire desk's actions in the admin that the generic item views do not cover."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from newsdesk.live import roles as live_roles
from newsdesk.wire import services
from newsdesk.wire.forms import SendToLiveForm
from newsdesk.wire.models import IncomingItem


@require_POST
def send_to_live(request, item_id: int):
    """Make the item a draft entry of the chosen live coverage and open it in the composer."""
    if not (request.user.has_perm("wire.view_incomingitem") and live_roles.can_write(request.user)):
        raise PermissionDenied
    item = get_object_or_404(IncomingItem, pk=item_id)
    form = SendToLiveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a live coverage that is still running."))
        return redirect("incoming_wire:inspect", item.pk)
    try:
        entry = services.send_to_live(item, form.cleaned_data["coverage"], request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("incoming_wire:inspect", item.pk)
    messages.success(request, _("A draft entry holds the agency's copy: check it, then post it."))
    return redirect("live_edit_entry", entry.pk)
