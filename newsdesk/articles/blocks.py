"""The blocks a story's body is written in: paragraphs, sub-headings, quotes, photos, embeds."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul", "superscript", "subscript"]


class SubheadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        label = _("Sub-heading")
        template = "articles/blocks/subheading.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Block quote")
        template = "articles/blocks/quote.html"


class FigureBlock(blocks.StructBlock):
    """A photo from the library with its caption and credit; the caption may be rewritten here."""

    photo = ImageChooserBlock(label=_("Photo"))
    caption = blocks.CharBlock(
        label=_("Caption"),
        required=False,
        help_text=_("Leave empty to use the caption stored with the photo."),
    )

    class Meta:
        icon = "image"
        label = _("Photo")
        template = "articles/blocks/figure.html"


class StoryBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(features=PARAGRAPH_FEATURES, label=_("Paragraph"))
    subheading = SubheadingBlock()
    quote = QuoteBlock()
    photo = FigureBlock()
    embed = EmbedBlock(label=_("Embed"), icon="media")
