"""The newsroom's story list and editor in the Wagtail admin."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from newsdesk.articles.filters import ArticleFilterSet
from newsdesk.articles.models import Article
from newsdesk.reactions.wagtail_hooks import (
    ReactionOrderingMixin,
    ReactionTallyPanel,
    reaction_columns,
    with_reaction_tallies,
)


class ArticleIndexView(ReactionOrderingMixin, IndexView):
    """The story list, sortable by readers' reactions."""


class ArticleViewSet(SnippetViewSet):
    model = Article
    icon = "doc-full"
    menu_label = _("Stories")
    menu_name = "stories"
    menu_order = 100
    add_to_admin_menu = True
    index_view_class = ArticleIndexView
    filterset_class = ArticleFilterSet
    list_per_page = 50
    ordering = ["-first_published_at", "-pk"]
    list_display = [
        "headline",
        Column("section", label=_("Section"), accessor="section"),
        Column("status_string", label=_("Status")),
        DateColumn("first_published_at", label=_("Published"), sort_key="first_published_at"),
        DateColumn("edited", label=_("Last edited"), accessor="latest_revision.created_at"),
        *reaction_columns(),
    ]
    panels = [*Article.panels, ReactionTallyPanel()]
    copy_view_enabled = False

    def get_queryset(self, request):
        return with_reaction_tallies(
            Article.objects.select_related("section", "latest_revision").with_status()
        )


register_snippet(ArticleViewSet)
