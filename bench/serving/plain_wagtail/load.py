"""Set up the plain Wagtail peer: migrate, then one story page with the given body and photos.

    PLAIN_WAGTAIL_DIR=... python bench/serving/plain_wagtail/load.py < story.json

Reads Newsdesk's story (headline, standfirst, dateline, body as stored, photo files by id) and
prints the page's path. Paragraphs, subheadings, quotes and photos map to Wagtail's own blocks;
embeds are left out (the demo's lead story has none).
"""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plain_wagtail.settings")


def main() -> None:
    import django

    django.setup()
    from django.core.files.images import ImageFile
    from django.core.management import call_command
    from wagtail.images.models import Image
    from wagtail.models import Page

    from plain_wagtail.plainstory.models import StoryPage

    call_command("migrate", verbosity=0)
    story = json.load(sys.stdin)
    images = {}
    for photo_id, path in story["photos"].items():
        with open(path, "rb") as handle:
            image = Image(title=Path(path).stem, file=ImageFile(handle, name=Path(path).name))
            image.save()
        images[photo_id] = image.pk
    body = []
    for block in story["body"]:
        kind, value = block["type"], block["value"]
        if kind == "paragraph":
            body.append(("paragraph", value))
        elif kind == "subheading":
            body.append(("subheading", value))
        elif kind == "quote":
            quote = value["quote"]
            if value.get("attribution"):
                quote += f" ({value['attribution']})"
            body.append(("quote", quote))
        elif kind == "photo":
            body.append(
                (
                    "photo",
                    {"photo": images[str(value["photo"])], "caption": value.get("caption", "")},
                )
            )
    home = Page.objects.get(depth=2)
    page = StoryPage(
        title=story["headline"],
        slug="story",
        standfirst=story["standfirst"],
        dateline=story.get("dateline", ""),
    )
    home.add_child(instance=page)
    page.body = StoryPage.body.field.to_python(
        json.dumps([{"type": k, "value": v} for k, v in body])
    )
    page.save_revision().publish()
    print(page.url)


if __name__ == "__main__":
    main()
