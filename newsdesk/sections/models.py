"""The front page and the sections of the site, as Wagtail pages ordered in the page tree.

Stories are not pages (see docs/decisions/stories-as-snippets.md): a section page lists the
stories that name it as their section.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from newsdesk.delivery import make_key, tag_response
from newsdesk.editions.services import alternates


def page_translations(page, request) -> list[dict]:
    """The published versions of `page` in every edition, for the switcher and `hreflang`."""
    versions = page.get_translations(inclusive=True).live().select_related("locale")
    return alternates(versions, url_of=lambda version: version.get_url(request=request))


class HomePage(Page):
    """The front page: a lead story, the latest stories, then a block for each section."""

    lead_story = models.ForeignKey(
        "articles.Article",
        verbose_name=_("lead story"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leave empty to lead with the newest published story."),
    )

    content_panels = [*Page.content_panels, FieldPanel("lead_story")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["sections.SectionPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("front page")

    def get_context(self, request, *args, **kwargs):
        from newsdesk.sections import services

        context = super().get_context(request, *args, **kwargs)
        context.update(services.front_page(self))
        context["translations"] = page_translations(self, request)
        return context

    def serve(self, request, *args, **kwargs):
        from newsdesk.articles.cache_keys import SITE_KEY, stories_keys

        response = super().serve(request, *args, **kwargs)
        context = response.context_data
        shown = [
            context["lead_story"],
            *context["latest_stories"],
            *(story for block in context["section_blocks"] for story in block["stories"]),
        ]
        return tag_response(response, [SITE_KEY, "front", *stories_keys(shown)])


class SectionPage(Page):
    """A section of the site (Security, Politics, ...) with its landing page of stories."""

    description = models.TextField(
        _("description"), blank=True, help_text=_("One or two sentences shown on the landing page.")
    )

    content_panels = [*Page.content_panels, FieldPanel("description")]

    parent_page_types = ["sections.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("section")

    def get_context(self, request, *args, **kwargs):
        from newsdesk.articles.services import paginate, section_stories

        context = super().get_context(request, *args, **kwargs)
        context["stories"] = paginate(request, section_stories(self))
        context["page_number"] = context["stories"].number
        context["translations"] = page_translations(self, request)
        return context

    def serve(self, request, *args, **kwargs):
        from newsdesk.articles.cache_keys import SITE_KEY, stories_keys

        response = super().serve(request, *args, **kwargs)
        keys = [SITE_KEY, make_key("section", self.pk)]
        return tag_response(response, [*keys, *stories_keys(response.context_data["stories"])])
