"""Banned commenters: created through services.ban_commenter, ended through services.lift_ban."""

from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button
from wagtail.snippets.views import snippets as snippet_views

from newsdesk.moderation import services
from newsdesk.moderation.forms import ModerationNoteForm
from newsdesk.moderation.models import Ban
from newsdesk.moderation.roles import LIFT_BANS, has_permission

BAN_URLS = "wagtailsnippets_moderation_ban"


class BanIndexView(snippet_views.IndexView):
    """Banned commenters, newest first; each row links to its details."""

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        column_class = self._get_title_column_class(column_class)
        return column_class(
            "names",
            label=gettext_lazy("Email or IP address"),
            accessor=str,
            get_url=self.get_inspect_url,
            get_title_id=lambda instance: f"snippet_{quote(instance.pk)}_title",
        )

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.is_active() and has_permission(self.request.user, LIFT_BANS):
            buttons.append(
                Button(
                    gettext_lazy("Lift the ban"),
                    url=reverse(f"{BAN_URLS}:lift", args=[quote(instance.pk)]),
                    icon_name="undo",
                    priority=40,
                )
            )
        return buttons


class BanCreateView(snippet_views.CreateView):
    """Ban a commenter who has no comment at hand (by email, address or range)."""

    def save_instance(self):
        data = self.form.cleaned_data
        return services.ban_commenter(
            self.request.user,
            email=data.get("email", ""),
            ip_network=data.get("ip_network", ""),
            action=data["action"],
            reason=data.get("reason", ""),
            expires_at=data.get("expires_at"),
        )

    def get_success_url(self):
        return reverse(f"{BAN_URLS}:list")


class LiftBanView(WagtailAdminTemplateMixin, FormView):
    """Confirm (GET) and lift (POST) a ban."""

    template_name = "moderation/lift_ban.html"
    form_class = ModerationNoteForm
    header_icon = "undo"
    page_title = gettext_lazy("Lift the ban")

    def dispatch(self, request, *args, pk, **kwargs):
        if not has_permission(request.user, LIFT_BANS):
            raise PermissionDenied
        self.ban = get_object_or_404(Ban, pk=pk)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.ban)

    def get_context_data(self, **kwargs):
        return super().get_context_data(ban=self.ban, **kwargs)

    def form_valid(self, form):
        if services.lift_ban(self.request.user, self.ban, note=form.cleaned_data["note"]):
            messages.success(self.request, _("Ban on %(ban)s lifted.") % {"ban": self.ban})
        else:
            messages.warning(self.request, _("That ban had already ended."))
        return redirect(reverse(f"{BAN_URLS}:list"))
