"""Search excerpts: a few dozen words of a story's text around the reader's words, marked.

Built in Python from the story's plain text for the stories of the page shown only (a dozen), so
the cost does not grow with the number of matches. Every piece of the story's text is escaped;
only the `<mark>` elements added here are markup.
"""

import re
from collections import deque

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

    def matches(word: str) -> bool:
        lower = word.lower()
        return lower in forms or stem_of(lower, language) in forms

    # One pass that stops once the excerpt is complete: a long body is not split whole, and
    # after the first match only the words shown are stemmed.
    before: deque[re.Match] = deque(maxlen=LEAD_WORDS)
    opening: list[re.Match] = []  # the text's first words, for an excerpt without a match
    shown: list[tuple[re.Match, bool]] = []
    cut = dropped = more = False
    for word in WORD.finditer(text):
        if shown:
            if len(shown) == EXCERPT_WORDS:
                more = True
                break
            shown.append((word, matches(word.group())))
        elif matches(word.group()):
            shown = [(earlier, False) for earlier in before] + [(word, True)]
            cut = dropped
        else:
            dropped = dropped or len(before) == LEAD_WORDS
            before.append(word)
            if len(opening) <= EXCERPT_WORDS:
                opening.append(word)
    if not shown:
        more = len(opening) > EXCERPT_WORDS
        shown = [(word, False) for word in opening[:EXCERPT_WORDS]]
    if not shown:
        return mark_safe("")
    pieces = ["…"] if cut else []
    position = shown[0][0].start() if cut else 0
    for word, marked in shown:
        pieces.append(escape(text[position : word.start()]))
        shown_word = escape(word.group())
        pieces.append(f"<mark>{shown_word}</mark>" if marked else shown_word)
        position = word.end()
    pieces.append("…" if more else escape(text[position:]))
    return mark_safe("".join(pieces))
