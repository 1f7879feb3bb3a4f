"""Authors and agencies in the Wagtail admin, grouped under "Bylines"."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from newsdesk.bylines.models import Agency, Author


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    list_display = ["name", "job_title", "slug"]
    search_fields = ["name"]
    ordering = ["name"]


class AgencyViewSet(SnippetViewSet):
    model = Agency
    icon = "globe"
    list_display = ["short_name", "name", "url"]
    ordering = ["short_name"]


class BylinesGroup(SnippetViewSetGroup):
    items = (AuthorViewSet, AgencyViewSet)
    menu_icon = "group"
    menu_label = _("Bylines")
    menu_name = "bylines"
    menu_order = 110


register_snippet(BylinesGroup)
