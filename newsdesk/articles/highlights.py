"""Search excerpts: a few dozen words of a story's text around the reader's words, marked.

Built in Python from the story's plain text for the stories of the page shown only (a dozen), so
the cost does not grow with the number of matches. Every piece of the story's text is escaped;
only the `<mark>` elements added here are markup.
"""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from newsdesk.search_index import stem_of, word_forms

#: A word as the search reads it: letters and digits, joined inside by . - _ ' ’
WORD = re.compile(r"[^\W_]+(?:[.\-_'’][^\W_]+)*")
#: Words shown before the first marked word, and in all.
LEAD_WORDS = 8
EXCERPT_WORDS = 36


def highlighted_excerpt(text: str, query: str, language: str) -> SafeString:
    """An escaped excerpt of `text` around the first word matching `query` (another form of a
    word in `language` counts), each matching word in `<mark>`; the text's start when none."""
    forms = word_forms(query, language)
    words = list(WORD.finditer(text))
    if not words:
        return mark_safe("")

    def matches(word: str) -> bool:
        lower = word.lower()
        return lower in forms or stem_of(lower, language) in forms

    # Stem only what is needed: up to the first match, then the words the excerpt shows.
    first = next((i for i, word in enumerate(words) if matches(word.group())), None)
    start = max(0, first - LEAD_WORDS) if first is not None else 0
    stop = min(len(words), start + EXCERPT_WORDS)
    marked = {i for i in range(start, stop) if first is not None and matches(words[i].group())}
    pieces = ["…"] if start > 0 else []
    position = words[start].start() if start > 0 else 0
    for index in range(start, stop):
        word = words[index]
        pieces.append(escape(text[position : word.start()]))
        if index in marked:
            pieces.append(f"<mark>{escape(word.group())}</mark>")
        else:
            pieces.append(escape(word.group()))
        position = word.end()
    if stop < len(words):
        pieces.append("…")
    else:
        pieces.append(escape(text[position:]))
    return mark_safe("".join(pieces))
