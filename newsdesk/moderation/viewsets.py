"""The Moderation menu of the admin: the queue, banned commenters, word lists and the log."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from newsdesk.discussion.models import Comment
from newsdesk.moderation import views
from newsdesk.moderation.filters import CommentFilterSet, ModerationLogFilterSet
from newsdesk.moderation.models import Ban, ModerationDecision, ModerationRule, ScorerThreshold


class CommenterColumn(Column):
    """Name, email and IP address: moderators only ever see this list."""

    cell_template_name = "moderation/tables/commenter_cell.html"


class ReasonsColumn(Column):
    """Every reason the automatic checks flagged the comment for."""

    cell_template_name = "moderation/tables/reasons_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["reasons"] = views.comment_reasons(instance)
        return context


class ScoreColumn(Column):
    """The scorer's score for the comment, 0 to 1, sortable (highest first on a second click)."""

    cell_template_name = "moderation/tables/score_cell.html"


class CommentViewSet(SnippetViewSet):
    """The moderation queue: discussion.Comment as moderators see it."""

    # Nothing links to these in content; tracking usage would add writes to every comment.
    add_to_reference_index = False

    model = Comment
    icon = "comment"
    menu_label = _("Queue")
    menu_name = "moderation-queue"
    menu_order = 10
    index_view_class = views.CommentIndexView
    # Its bulk actions leave out Delete: comments are rejected, never deleted.
    index_template_name = "moderation/comment_index.html"
    edit_view_class = views.CommentEditView
    inspect_view_class = views.CommentInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = CommentFilterSet
    list_per_page = 50
    # Longest waiting first; sort by the date column for the newest.
    ordering = ["submitted_at", "pk"]
    search_fields = ["text", "author_name", "author_email"]
    search_backend_name = None
    list_display = [
        "text",
        CommenterColumn("commenter", label=_("Commenter"), accessor="author_name"),
        Column("story", label=_("Story"), accessor="story.headline"),
        DateColumn("submitted_at", label=_("Submitted"), sort_key="submitted_at"),
        Column("status", label=_("Status"), accessor="get_status_display"),
        ScoreColumn(
            "moderation_score",
            label=_("Abuse score"),
            accessor="moderation_score",
            sort_key="moderation_score",
        ),
        ReasonsColumn("reasons", label=_("Why it was flagged"), accessor="moderation_reasons"),
    ]
    panels = [FieldPanel("author_name"), FieldPanel("text")]

    def get_queryset(self, request):
        return Comment.objects.select_related("story")

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "moderate/<int:pk>/<slug:decision>/",
                views.CommentActionView.as_view(),
                name="moderate",
            ),
            path("ban/<int:pk>/", views.BanFromCommentView.as_view(), name="ban"),
        ]


class BanViewSet(SnippetViewSet):
    """Banned commenters: added here or from a comment, lifted rather than deleted."""

    # Nothing links to these in content; tracking usage would add writes to every comment.
    add_to_reference_index = False

    model = Ban
    icon = "cross"
    menu_label = _("Banned commenters")
    menu_name = "banned-commenters"
    menu_order = 20
    index_view_class = views.BanIndexView
    add_view_class = views.BanCreateView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_filter = ["action"]
    search_fields = ["email", "ip_network", "reason"]
    search_backend_name = None
    list_display = [
        "names",
        Column("action", label=_("Their comments"), accessor="get_action_display"),
        DateColumn("created_at", label=_("Banned"), sort_key="created_at"),
        DateColumn("expires_at", label=_("Ends"), sort_key="expires_at"),
        Column("created_by", label=_("Banned by"), accessor="created_by"),
    ]
    panels = [
        FieldPanel("email"),
        FieldPanel("ip_network"),
        FieldPanel("action"),
        FieldPanel("reason"),
        FieldPanel("expires_at"),
    ]
    inspect_view_fields = [
        "email",
        "ip_network",
        "action",
        "reason",
        "comment",
        "created_by",
        "created_at",
        "expires_at",
    ]

    def get_queryset(self, request):
        return Ban.objects.select_related("created_by")

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("lift/<int:pk>/", views.LiftBanView.as_view(), name="lift"),
        ]


class ModerationRuleViewSet(SnippetViewSet):
    """Editors' word lists: banned words, suspect words and threat patterns."""

    # Nothing links to these in content; tracking usage would add writes to every comment.
    add_to_reference_index = False

    model = ModerationRule
    icon = "list-ul"
    menu_label = _("Word lists")
    menu_name = "word-lists"
    menu_order = 30
    copy_view_enabled = False
    list_filter = ["kind", "language", "active", "is_regex"]
    search_fields = ["pattern", "note"]
    search_backend_name = None
    list_per_page = 100
    list_display = [
        "pattern",
        Column("kind", label=_("Kind"), accessor="get_kind_display"),
        Column("language", label=_("Language"), accessor="get_language_display"),
        "is_regex",
        "active",
        "note",
    ]
    panels = [
        FieldPanel("pattern"),
        FieldPanel("kind"),
        FieldPanel("language"),
        FieldPanel("is_regex"),
        FieldPanel("active"),
        FieldPanel("note"),
    ]


class ScorerThresholdViewSet(SnippetViewSet):
    """From which scores the model holds a comment, per site and per language."""

    add_to_reference_index = False

    model = ScorerThreshold
    icon = "cogs"
    menu_label = _("Scorer thresholds")
    menu_name = "scorer-thresholds"
    menu_order = 35
    copy_view_enabled = False
    list_filter = ["site", "language"]
    list_display = [
        Column("site", label=_("Site"), accessor="site"),
        Column("language", label=_("Language"), accessor="get_language_display"),
        "abuse_hold",
        "threat_hold",
        "note",
    ]
    panels = [
        FieldPanel("site"),
        FieldPanel("language"),
        FieldPanel("abuse_hold"),
        FieldPanel("threat_hold"),
        FieldPanel("note"),
    ]

    def get_queryset(self, request):
        return ScorerThreshold.objects.select_related("site")


class ModerationLogViewSet(SnippetViewSet):
    """The audit log of every decision, read-only, with CSV and XLSX export."""

    # Nothing links to these in content; tracking usage would add writes to every comment.
    add_to_reference_index = False

    model = ModerationDecision
    icon = "history"
    menu_label = _("Moderation log")
    menu_name = "moderation-log"
    menu_order = 40
    index_view_class = views.ModerationLogIndexView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = ModerationLogFilterSet
    list_per_page = 100
    list_display = [
        "decided_at",
        Column("action", label=_("Action"), accessor="get_action_display"),
        Column("decided_by", label=_("Decided by"), accessor="decided_by"),
        Column("story", label=_("Story"), accessor="story"),
        Column("comment_id", label=_("Comment"), accessor="comment_id"),
        Column("reasons", label=_("Reasons"), accessor="reasons_summary"),
        Column("score", label=_("Abuse score"), accessor="score"),
        Column("note", label=_("Note"), accessor="note"),
    ]
    list_export = [
        "decided_at",
        "action",
        "get_action_display",
        "decided_by",
        "story",
        "story_id",
        "comment_id",
        "reasons_summary",
        "score",
        "model_version",
        "note",
    ]
    export_headings = {
        "decided_at": _("Date"),
        "action": _("Action"),
        "get_action_display": _("Action (in words)"),
        "decided_by": _("Decided by"),
        "story": _("Story"),
        "story_id": _("Story ID"),
        "comment_id": _("Comment ID"),
        "reasons_summary": _("Reasons"),
        "score": _("Abuse score"),
        "model_version": _("Model version"),
        "note": _("Note"),
    }
    export_filename = "moderation-log"
    inspect_view_fields = [
        "decided_at",
        "action",
        "decided_by",
        "story",
        "comment",
        "ban",
        "reasons_summary",
        "score",
        "model_version",
        "note",
    ]


class ModerationViewSetGroup(SnippetViewSetGroup):
    """The Moderation menu."""

    menu_label = _("Moderation")
    menu_icon = "comment"
    menu_name = "moderation"
    menu_order = 150
    items = (
        CommentViewSet,
        BanViewSet,
        ModerationRuleViewSet,
        ScorerThresholdViewSet,
        ModerationLogViewSet,
    )
