"""A story as a plain Wagtail page: Wagtail's own blocks, the same text and photos as Newsdesk's."""

from django.db import models
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page


class FigureBlock(blocks.StructBlock):
    photo = ImageChooserBlock()
    caption = blocks.CharBlock(required=False)

    class Meta:
        template = "plainstory/figure.html"


class StoryPage(Page):
    standfirst = models.TextField(blank=True)
    dateline = models.CharField(max_length=100, blank=True)
    body = StreamField(
        [
            ("paragraph", blocks.RichTextBlock()),
            ("subheading", blocks.CharBlock(template="plainstory/subheading.html")),
            ("quote", blocks.BlockQuoteBlock()),
            ("photo", FigureBlock()),
        ],
        blank=True,
    )
