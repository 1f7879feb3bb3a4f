"""Placing a JSON-LD document in a page's `<script type="application/ld+json">`."""

import json

from django.utils.safestring import SafeString, mark_safe

# What may not appear raw inside <script>: the JSON stays valid with these escaped.
_SCRIPT_ESCAPES = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    # Line and paragraph separators end a line in some JavaScript parsers.
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def script_json(data: dict) -> SafeString:
    """JSON safe to place inside `<script type="application/ld+json">`: no `</script>`, `<!--`
    or `&` can appear in it raw, whatever the headline or text holds."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES))
