"""The moderation log: read-only, exportable as CSV and XLSX for transparency reports."""

from django.contrib.admin.utils import quote
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import TitleColumn
from wagtail.snippets.views import snippets as snippet_views

from newsdesk.moderation.models import ModerationDecision

LOG_URLS = "wagtailsnippets_moderation_moderationdecision"

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def decision_time(decision: ModerationDecision) -> str:
    """When a decision was taken, to the minute, in the site's time zone."""
    return formats.date_format(timezone.localtime(decision.decided_at), "SHORT_DATETIME_FORMAT")


class ModerationLogIndexView(snippet_views.IndexView):
    """The audit log; exported values cannot start a spreadsheet formula."""

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        column_class = self._get_title_column_class(column_class)
        return column_class(
            "decided_at",
            label=gettext_lazy("Date"),
            accessor=decision_time,
            sort_key="decided_at",
            get_url=self.get_inspect_url,
            get_title_id=lambda instance: f"snippet_{quote(instance.pk)}_title",
        )

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("actor", "story")

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
            return "'" + value
        return value


def log_csv(request):
    """/admin/moderation/log.csv: the log's CSV export, filters passed through."""
    params = request.GET.copy()
    params["export"] = "csv"
    return HttpResponseRedirect(f"{reverse(f'{LOG_URLS}:list')}?{params.urlencode()}")
