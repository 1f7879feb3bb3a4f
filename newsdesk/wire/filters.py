"""The incoming desk's filters: agency, urgency, language and status."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from newsdesk.wire.models import IncomingItem

PUBLISHED = "published"


def _choices(field: str):
    def choices():
        values = IncomingItem.objects.order_by(field).values_list(field, flat=True).distinct()
        return [(v, v) for v in values if v not in ("", None)]

    return choices


class IncomingItemFilterSet(WagtailFilterSet):
    agency_name = django_filters.ChoiceFilter(label=_("Agency"), choices=_choices("agency_name"))
    urgency = django_filters.ChoiceFilter(label=_("Urgency"), choices=_choices("urgency"))
    language = django_filters.ChoiceFilter(label=_("Language"), choices=_choices("language"))
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[*IncomingItem.Status.choices, (PUBLISHED, _("Story published"))],
        method="filter_status",
    )

    class Meta:
        model = IncomingItem
        fields = ["agency_name", "urgency", "language", "status"]

    def filter_status(self, queryset, name, value):
        if value == PUBLISHED:
            return queryset.filter(story__live=True)
        return queryset.filter(status=value)
