"""Filters for the newsroom's story list in the admin, usable on an archive of a million stories."""

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from newsdesk.articles.models import Article, BylineEntry
from newsdesk.bylines.models import Author
from newsdesk.sections.models import SectionPage


class StatusFilter(django_filters.ChoiceFilter):
    LIVE, DRAFT, SCHEDULED, CHANGED = "live", "draft", "scheduled", "live+draft"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "choices",
            [
                (self.LIVE, _("Live")),
                (self.CHANGED, _("Live with unpublished changes")),
                (self.SCHEDULED, _("Scheduled")),
                (self.DRAFT, _("Draft")),
            ],
        )
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value == self.LIVE:
            return qs.filter(live=True)
        if value == self.CHANGED:
            return qs.filter(live=True, has_unpublished_changes=True)
        if value == self.SCHEDULED:
            return qs.filter(live=False, go_live_at__gt=timezone.now())
        if value == self.DRAFT:
            return qs.filter(live=False).filter(
                Q(go_live_at__isnull=True) | Q(go_live_at__lte=timezone.now())
            )
        return qs


class ArticleFilterSet(WagtailFilterSet):
    section = django_filters.ModelChoiceFilter(
        label=_("Section"), queryset=lambda request: SectionPage.objects.order_by("path")
    )
    author = django_filters.ModelChoiceFilter(
        label=_("Author"),
        queryset=Author.objects.all(),
        method="filter_author",
    )
    status = StatusFilter(label=_("Status"), empty_label=_("Any status"))
    first_published_at = django_filters.DateFromToRangeFilter(
        label=_("Published"), widget=DateRangePickerWidget
    )

    class Meta:
        model = Article
        fields = ["section", "author", "status", "first_published_at"]

    def filter_author(self, queryset, name, value):
        if not value:
            return queryset
        # EXISTS, not a join and DISTINCT: DISTINCT over whole story rows sorted on disk at a
        # million stories (bench/million_stories.py).
        credited = BylineEntry.objects.filter(article=OuterRef("pk"), author=value)
        return queryset.filter(Exists(credited))
