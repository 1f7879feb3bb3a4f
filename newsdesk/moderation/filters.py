"""Filters of the moderation queue and the moderation log in the admin."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from newsdesk.articles.models import Article
from newsdesk.discussion.models import Comment
from newsdesk.moderation.comment_checks import LABELS
from newsdesk.moderation.models import ModerationDecision
from newsdesk.moderation.pipeline import load_checks
from newsdesk.moderation.scorers import CHECK_NAMES

ALL = "all"


def check_label(name: str) -> str:
    """How the admin names a check: its label, or its name made readable."""
    return str(LABELS.get(name) or name.replace("_", " ").capitalize())


def reason_choices() -> list[tuple[str, str]]:
    """Every check that can flag a comment: the registered checks, the scorer's and failures."""
    names = [getattr(check, "__name__", str(check)) for check in load_checks()]
    names += [*CHECK_NAMES, "check_failed"]
    return [(name, check_label(name)) for name in dict.fromkeys(names)]


def reason_lookup(check: str) -> Q:
    """Comments flagged by `check`, on SQLite and PostgreSQL alike.

    Both store the JSON list as text with `"check": "<name>"` pairs; JSON containment (`contains`)
    is not available on SQLite.
    """
    return Q(moderation_reasons__icontains=f'"check": "{check}"')


def stories_with_comments(request):
    return (
        Article.objects.filter(pk__in=Comment.objects.values("story_id"))
        .only("pk", "headline")
        .order_by("headline")
    )


class CommentFilterSet(WagtailFilterSet):
    """The queue's filters; with no status chosen it shows pending comments."""

    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[*Comment.Status.choices, (ALL, _("Any status"))],
        empty_label=None,
        method="filter_status",
    )
    story = django_filters.ModelChoiceFilter(label=_("Story"), queryset=stories_with_comments)
    submitted_at = django_filters.DateFromToRangeFilter(
        label=_("Submitted"), widget=DateRangePickerWidget
    )
    reason = django_filters.ChoiceFilter(
        label=_("Flagged by"), choices=reason_choices, method="filter_reason"
    )
    commenter = django_filters.CharFilter(
        label=_("Commenter"),
        method="filter_commenter",
        help_text=_("Part of a name or an email address, or the start of an IP address."),
    )

    class Meta:
        model = Comment
        fields = ["status", "story", "submitted_at", "reason", "commenter"]

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and not data.get("status"):
            data = data.copy()
            data["status"] = Comment.Status.PENDING
        super().__init__(data, *args, **kwargs)

    def filter_status(self, queryset, name, value):
        return queryset if value == ALL else queryset.filter(status=value)

    def filter_reason(self, queryset, name, value):
        return queryset.filter(reason_lookup(value)) if value else queryset

    def filter_commenter(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        match = Q(author_name__icontains=value) | Q(author_email__icontains=value)
        looks_like_ip = any(ch.isdigit() or ch in ".:" for ch in value)
        if looks_like_ip and all(ch in "0123456789abcdefABCDEF.:" for ch in value):
            match |= Q(ip_address__startswith=value)
        return queryset.filter(match)


class ModerationLogFilterSet(WagtailFilterSet):
    """The moderation log's filters: action, who decided, when, story."""

    AUTOMATIC, MODERATOR = "automatic", "moderator"

    action = django_filters.ChoiceFilter(
        label=_("Action"), choices=ModerationDecision.Action.choices
    )
    decided_by = django_filters.ChoiceFilter(
        label=_("Decided by"),
        choices=[(AUTOMATIC, _("Automatic checks")), (MODERATOR, _("A moderator"))],
        method="filter_decided_by",
    )
    decided_at = django_filters.DateFromToRangeFilter(label=_("Date"), widget=DateRangePickerWidget)
    story = django_filters.ModelChoiceFilter(label=_("Story"), queryset=stories_with_comments)

    class Meta:
        model = ModerationDecision
        fields = ["action", "decided_by", "decided_at", "story"]

    def filter_decided_by(self, queryset, name, value):
        if value == self.AUTOMATIC:
            return queryset.filter(actor__isnull=True)
        if value == self.MODERATOR:
            return queryset.filter(actor__isnull=False)
        return queryset
