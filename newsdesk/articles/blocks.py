"""The blocks a story's body is written in: paragraphs, sub-headings, quotes, photos, embeds."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.rich_text import RichText

from newsdesk import rich_text

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul", "superscript", "subscript"]


class StoryTextBlock(blocks.RichTextBlock):
    """Rich text kept to what the editor's features write, on the way in and on the way out.

    Sanitised when stored (whoever wrote it: the editor, an import, a wire item, the API) and
    when read (HTML that reached the database around the ORM, or an old revision).
    """

    def get_prep_value(self, value):
        return self._sanitised(super().get_prep_value(value))

    def to_python(self, value):
        return RichText(self._sanitised(value))

    def bulk_to_python(self, values):
        return [self.to_python(value) for value in values]

    def _sanitised(self, html) -> str:
        return rich_text.sanitise(html or "", self.features or ())


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
    paragraph = StoryTextBlock(features=PARAGRAPH_FEATURES, label=_("Paragraph"))
    subheading = SubheadingBlock()
    quote = QuoteBlock()
    photo = FigureBlock()
    embed = EmbedBlock(label=_("Embed"), icon="media")


def body_plain_text(body) -> str:
    """A story body's words without markup (paragraphs, sub-headings, quotes), spaces squeezed:
    for search excerpts, feed summaries and live coverage's key events."""
    from html import unescape

    from django.utils.html import strip_tags

    parts = []
    for block in body:
        if block.block_type == "paragraph":
            parts.append(unescape(strip_tags(str(block.value.source))))
        elif block.block_type == "quote":
            parts.append(block.value["quote"])
        elif block.block_type == "subheading":
            parts.append(str(block.value))
    return " ".join(" ".join(parts).split())
