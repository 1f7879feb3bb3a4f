"""The language switcher and the `hreflang` links of a reader page (docs/editions.md).

A view puts `translations` in the context (`services.alternates`: the published versions of
what the page shows, one per edition); the navigation context gives `edition_fronts`. The
switcher goes to the translation of the page when there is one, else to that edition's front
page; `hreflang` names only the real translations.
"""

from django import template

from newsdesk.editions import services

register = template.Library()


@register.inclusion_tag("editions/switcher.html", takes_context=True)
def edition_switcher(context) -> dict:
    translated = {item["language"]: item["url"] for item in context.get("translations") or ()}
    fronts = context.get("edition_fronts") or {}
    current = services.current_edition()
    editions = []
    for code in services.edition_codes():
        url = translated.get(code) or fronts.get(code)
        if not url:
            continue
        editions.append(
            {
                "language": code,
                "name": services.language_name(code),
                "url": url,
                "current": code == current,
                "translated": code in translated,
                "rtl": services.is_right_to_left(code),
            }
        )
    return {"editions": editions if len(editions) > 1 else []}


@register.inclusion_tag("editions/hreflang.html", takes_context=True)
def hreflang_links(context) -> dict:
    request = context.get("request")
    translations = context.get("translations") or ()
    links = []
    for item in translations:
        url = request.build_absolute_uri(item["url"]) if request is not None else item["url"]
        links.append({"language": item["language"], "url": url})
    return {"links": links if len(links) > 1 else []}
