"""Matching word lists and patterns against comments, tolerant of simple obfuscation.

Both the comment and every pattern are read the same way before matching, so the rules stay
explainable to an editor:

1. Case, accents and compatibility forms are ignored: "KÍLL", "ｋｉｌｌ" and "kill" are the same;
   "ё" is read as "е". Invisible characters (zero-width spaces, soft hyphens) are removed.
2. Letters spelt out one by one with the same separator are joined: "k.i.l.l", "k i l l",
   "k-i-l-l".
3. Digits and symbols inside a word are read as the letters they look like, in the word's own
   script: "k1ll", "h@te", "k!ll", "у6ить" (6 for "б" in a Cyrillic word).
4. A word mixing Latin and Cyrillic look-alike letters is read in its majority script.
5. Every letter of a pattern matches that letter repeated: "kill" matches "kiiiilll".

A plain pattern is a word or a phrase; a trailing `*` makes it a stem ("уничтож*" matches
"уничтожить", "уничтожены"). Plain patterns match whole words, so "cunt" does not match
"Scunthorpe". Regular-expression patterns are applied as written (case-insensitively) to the
text read as above, with rule 5 applied to their literal letters too.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "`": "'"})
_WORD = re.compile(r"\w+", re.UNICODE)
# Separators allowed between letters spelt out one by one: "k.i.l.l", "k i l l", "k-i-l-l".
_SPELLING_GAP = re.compile(r"[\s.\-_*·•,'/|+~]{1,3}")

_LATIN_DIGITS = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
_CYRILLIC_DIGITS = {"0": "о", "3": "з", "4": "ч", "6": "б", "@": "а"}
_SYMBOLS_IN_WORDS = re.compile(r"(?<=\w)[@$!|](?=\w)")
_SYMBOL_LETTERS = {"@": "a", "$": "s", "!": "i", "|": "l"}

# Latin and Cyrillic letters that look the same in lower case.
_LATIN_TO_CYRILLIC = dict(zip("aceopxyk", "асеорхук", strict=True))
_CYRILLIC_TO_LATIN = {**{c: lat for lat, c in _LATIN_TO_CYRILLIC.items()}, "і": "i", "ѕ": "s"}


def _script(char: str) -> str:
    if "a" <= char <= "z":
        return "latin"
    if "\u0400" <= char <= "\u04ff":
        return "cyrillic"
    return ""


def fold(text: str) -> str:
    """`text` without case, accents, compatibility forms or invisible characters (rule 1)."""
    text = unicodedata.normalize("NFKD", text.translate(_INVISIBLE))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", text).casefold().translate(_APOSTROPHES)


def _join_spelt_out_letters(text: str) -> str:
    """Join runs of three or more single characters separated by small gaps (rule 2)."""
    tokens = list(_WORD.finditer(text))
    pieces: list[str] = []
    position = 0
    i = 0
    while i < len(tokens):
        j = i
        gap = None  # one run, one separator: "a s-c-u-m" spells "scum", not "ascum"
        while j + 1 < len(tokens) and len(tokens[j].group()) == len(tokens[j + 1].group()) == 1:
            between = text[tokens[j].end() : tokens[j + 1].start()]
            if not _SPELLING_GAP.fullmatch(between) or gap not in (None, between):
                break
            gap = between
            j += 1
        run = tokens[i : j + 1]
        letters = "".join(t.group() for t in run)
        if len(run) >= 3 and sum(c.isalpha() for c in letters) >= 2:
            pieces.append(text[position : run[0].start()])
            pieces.append(letters)
            position = run[-1].end()
            i = j + 1
        else:
            i += 1
    pieces.append(text[position:])
    return "".join(pieces)


def _read_word(word: str) -> str:
    """One word with look-alike digits and letters read in the word's majority script."""
    scripts = [_script(ch) for ch in word]
    latin, cyrillic = scripts.count("latin"), scripts.count("cyrillic")
    if latin == cyrillic == 0:
        return word
    if cyrillic > latin:
        digits, letters = _CYRILLIC_DIGITS, _LATIN_TO_CYRILLIC
    else:
        digits, letters = _LATIN_DIGITS, _CYRILLIC_TO_LATIN
    return "".join(digits.get(ch) or letters.get(ch) or ch for ch in word)


def normalise(text: str) -> str:
    """The comment as the rules read it: rules 1 to 4 of this module applied to `text`."""
    text = _join_spelt_out_letters(fold(text))
    text = _SYMBOLS_IN_WORDS.sub(lambda m: _SYMBOL_LETTERS[m.group()], text)
    return _WORD.sub(lambda m: _read_word(m.group()), text)


def tolerant_regex(source: str) -> str:
    """`source` with each literal letter (or run of one letter) matching one or more times.

    Escapes, character classes, quantified letters and look-behind groups are left as they are.
    """
    out: list[str] = []
    lookbehind_depth: list[bool] = []
    i, n = 0, len(source)
    while i < n:
        ch = source[i]
        if ch == "\\":
            out.append(source[i : i + 2])
            i += 2
        elif ch == "[":
            end = i + 1
            if end < n and source[end] == "^":
                end += 1
            if end < n and source[end] == "]":
                end += 1
            while end < n and source[end] != "]":
                end += 2 if source[end] == "\\" else 1
            out.append(source[i : end + 1])
            i = end + 1
        elif ch == "{":
            end = source.find("}", i)
            end = n - 1 if end == -1 else end
            out.append(source[i : end + 1])
            i = end + 1
        elif ch == "(":
            lookbehind = source.startswith(("(?<=", "(?<!"), i)
            lookbehind_depth.append(lookbehind)
            prefix = 4 if lookbehind else (3 if source.startswith("(?", i) else 1)
            out.append(source[i : i + prefix])
            i += prefix
        elif ch == ")":
            if lookbehind_depth:
                lookbehind_depth.pop()
            out.append(ch)
            i += 1
        elif ch.isalpha() and not any(lookbehind_depth):
            end = i
            while end < n and source[end] == ch:
                end += 1
            if end < n and source[end] in "*+?{":
                out.append(source[i:end])
            else:
                out.append(re.escape(ch) + "+")
            i = end
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def plain_pattern_regex(pattern: str) -> str:
    """The regular expression for a plain word, phrase or `stem*` (see the module docstring)."""
    stem = pattern.rstrip().endswith("*")
    words = pattern.strip().rstrip("*").split()
    body = r"[\W_]+".join(re.escape(word) for word in words)
    return r"(?<!\w)" + tolerant_regex(body) + (r"\w*" if stem else r"(?!\w)")


@lru_cache(maxsize=2048)
def compile_pattern(pattern: str, is_regex: bool = False) -> re.Pattern:
    """Compile a plain or regular-expression pattern; raises re.error when it is invalid."""
    source = fold(pattern)
    regex = tolerant_regex(source) if is_regex else plain_pattern_regex(source)
    return re.compile(regex, re.IGNORECASE | re.UNICODE)


@dataclass(frozen=True)
class WordRule:
    """A word, phrase, stem or regular expression to look for, and the languages it covers."""

    pattern: str
    is_regex: bool = False
    language: str = ""  # empty: every language

    def applies_to(self, language: str) -> bool:
        """Whether the rule covers a comment written in `language`."""
        return not self.language or self.language == (language or "")[:2]

    def search(self, normalised_text: str) -> str | None:
        """The matched text in an already `normalise`d comment, or None."""
        found = compile_pattern(self.pattern, self.is_regex).search(normalised_text)
        return found.group(0) if found else None


def find_matches(
    rules: tuple[WordRule, ...] | list[WordRule], text: str, language: str = ""
) -> list[str]:
    """Every match of the `rules` covering `language` in `text`, as the rules read it."""
    normalised = normalise(text)
    matches = []
    for rule in rules:
        if rule.applies_to(language) and (found := rule.search(normalised)) is not None:
            matches.append(found)
    return matches
