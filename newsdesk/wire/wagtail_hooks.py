"""The incoming wire desk, the ingest log and the wire sources in the Wagtail admin."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import InspectView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from newsdesk.live import roles as live_roles
from newsdesk.wire import views
from newsdesk.wire.filters import IncomingItemFilterSet
from newsdesk.wire.forms import SendToLiveForm
from newsdesk.wire.models import IncomingItem, IngestLogEntry, WireSource


class IncomingItemInspectView(InspectView):
    """One item as the agency sent it, with what changed and a link to its story."""

    template_name = "wire/incoming_item.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item = self.object
        context["item"] = item
        context["parsed"] = item.parsed
        context["versions"] = item.versions.all()
        context["log_entries"] = item.log_entries.all()[:20]
        if item.status != IncomingItem.Status.KILLED and live_roles.can_write(self.request.user):
            form = SendToLiveForm()
            if form.fields["coverage"].queryset.exists():
                context["send_to_live"] = form
        return context


class IncomingItemViewSet(ModelViewSet):
    model = IncomingItem
    icon = "download"
    menu_label = _("Incoming wire")
    name = "incoming_wire"
    add_to_admin_menu = False
    inspect_view_enabled = True
    inspect_view_class = IncomingItemInspectView
    filterset_class = IncomingItemFilterSet
    list_per_page = 50
    search_fields = ["headline"]
    create_view_enabled = False
    copy_view_enabled = False
    list_display = [
        # An item opens on what the agency sent, with the way to its story.
        TitleColumn("headline", label=_("Headline"), url_name="incoming_wire:inspect"),
        Column("agency_name", label=_("Agency")),
        Column("urgency", label=_("Urgency")),
        Column("language", label=_("Language")),
        Column("get_status_display", label=_("Status")),
        DateColumn("embargo", label=_("Embargoed until")),
        DateColumn("updated_at", label=_("Last version")),
    ]
    form_fields = ["status"]

    def get_queryset(self, request):
        return IncomingItem.objects.select_related("story")


class IngestLogViewSet(ModelViewSet):
    model = IngestLogEntry
    icon = "list-ul"
    menu_label = _("Ingest log")
    name = "ingest_log"
    create_view_enabled = False
    edit_view_enabled = False
    copy_view_enabled = False
    inspect_view_enabled = True
    list_filter = ["level", "source"]
    list_display = [
        DateColumn("created_at", label=_("When")),
        Column("get_level_display", label=_("Result")),
        "message",
        "file_name",
        "moved_to",
    ]
    form_fields = ["message"]


class WireSourceViewSet(ModelViewSet):
    model = WireSource
    icon = "link-external"
    menu_label = _("Sources")
    name = "wire_sources"
    copy_view_enabled = False
    list_display = [
        "name",
        Column("agency", label=_("Agency")),
        Column("section", label=_("Section")),
        Column("get_transport_display", label=_("Transport")),
        Column("enabled", label=_("Enabled")),
        DateColumn("last_polled_at", label=_("Last polled")),
        Column("last_error", label=_("Last error")),
    ]


class WireGroup(ViewSetGroup):
    items = (IncomingItemViewSet, IngestLogViewSet, WireSourceViewSet)
    menu_icon = "download"
    menu_label = _("Wire")
    menu_name = "wire"
    menu_order = 105


@hooks.register("register_admin_viewset")
def register_wire_desk():
    return WireGroup()


@hooks.register("register_admin_urls")
def register_wire_actions():
    return [
        path("wire/item/<int:item_id>/to-live/", views.send_to_live, name="wire_send_to_live"),
    ]
