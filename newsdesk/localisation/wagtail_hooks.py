"""The admin: text fields take the direction of what is typed in them.

Wagtail's rich text editor (Draftail, on Draft.js) already sets each paragraph's direction from
its first strong letter, so an Arabic paragraph in an English admin reads right to left. Plain
inputs and text areas (headline, standfirst, captions) do not; this stylesheet makes them
(`unicode-bidi: plaintext`, the CSS form of `dir="auto"`).
"""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_css")
def text_direction_in_the_admin() -> str:
    return format_html(
        '<link rel="stylesheet" href="{}">', static("localisation/admin_text_direction.css")
    )
