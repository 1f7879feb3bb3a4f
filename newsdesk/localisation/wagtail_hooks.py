"""The editor: text fields take the direction of what is typed in them.

Wagtail's rich text editor (Draftail, on Draft.js) already sets each paragraph's direction from
its first strong letter, so an Arabic paragraph in an English admin reads right to left. Plain
inputs and text areas (headline, standfirst, captions) do not; this script gives them
`dir="auto"`, including the ones StreamField adds later.
"""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_editor_js")
def text_direction_in_the_editor() -> str:
    return format_html(
        '<script src="{}" defer></script>', static("localisation/editor_text_direction.js")
    )
