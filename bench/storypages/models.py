"""A story as a Wagtail page under its section page: the design Newsdesk did not choose."""

from django.db import models
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from newsdesk.articles.blocks import StoryBodyBlock


class StoryPage(Page):
    """The page-tree peer of `newsdesk.articles.models.Article`: title as headline, same body."""

    standfirst = models.TextField(blank=True)
    body = StreamField(StoryBodyBlock(), blank=True)
    # Redundant with the parent page, kept so both designs carry the same columns.
    section = models.ForeignKey(
        "sections.SectionPage", on_delete=models.PROTECT, related_name="story_pages"
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("standfirst"),
        index.SearchField("body"),
        index.FilterField("section"),
    ]

    parent_page_types = ["sections.SectionPage"]
    subpage_types: list[str] = []
