"""Matching word lists and patterns against comments, tolerant of simple obfuscation.

Both the comment and every pattern are read the same way before matching, so the rules stay
explainable to an editor:

1. Case, accents and compatibility forms are ignored: "KÍLL", "ｋｉｌｌ" and "kill" are the same;
   "ё" is read as "е". Invisible characters (zero-width spaces, soft hyphens) are removed.
2. Letters spelt out one by one with the same separator are joined: "k.i.l.l", "k i l l",
   "k-i-l-l".
3. Digits and symbols inside a word are read as the letters they look like, in the word's own
   script: "k1ll", "h@te", "k!ll", "у6ить" (6 for "б" in a Cyrillic word).
4. A word mixing Latin and Cyrillic look-alike letters is read as a reader reads it: in the
   script of the comment around it when its odd letters all have a look-alike there ("kill уоu"
   with a Cyrillic "у" and "о" in an English comment), otherwise in the word's majority script.
5. Every letter of a pattern matches that letter repeated: "kill" matches "kiiiilll". A doubled
   letter must stay doubled: "nigger" does not match "Nigerian", "kill" does not match "kil".

A plain pattern is a word or a phrase; a trailing `*` makes it a stem ("уничтож*" matches
"уничтожить", "уничтожены"). Plain patterns match whole words, so "cunt" does not match
"Scunthorpe". Regular-expression patterns are applied as written to the text read as above
(both case-folded, so case does not matter), with rule 5 applied to their literal letters too.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from re import _constants as sre  # the parse tree's opcodes (stable within a Python version)
from re import _parser as sre_parse

import numpy as np

_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_INVISIBLE_CHARACTERS = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
# Latin, Greek, Cyrillic and general punctuation hold no combining marks: most comments need
# no look at each character.
_NO_COMBINING_MARKS = re.compile(r"[\x00-\u02ff\u0370-\u0482\u048a-\u052f\u2000-\u206f]*")
# A run of rule 2 ("k.i.l.l", "k i l l", "k-i-l-l"): three or more one-character words with one
# separator, the same each time ("a s-c-u-m" spells "scum", not "ascum"). The regex engine reads
# the comment in one pass; a loop over every word in Python took a fifth of the scorer's time.
_SPELT_OUT_RUN = re.compile(
    r"(?<!\w)\w(?P<gap>[\s.\-*·•,'/|+~]{1,3})\w(?:(?P=gap)\w)+(?!\w)", re.UNICODE
)
# Rules 3 and 4 change only words mixing digits and letters or Latin and Cyrillic letters.
_MIXED_WORD = re.compile(
    r"(?<!\w)(?:(?=\w*\d)(?=\w*[^\W\d_])|(?=\w*[a-z])(?=\w*[\u0400-\u04ff]))\w+"
)

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


class _WithoutCombiningMarks(dict):
    """A `str.translate` table deleting combining marks, filled as characters are first seen.

    Scoring reads every comment through `fold`; a per-character generator took most of the
    scorer's time on a long comment, a translate table keeps it in C.
    """

    def __missing__(self, code: int) -> int | None:
        value = None if unicodedata.combining(chr(code)) else code
        if len(self) < 20_000:  # a text of every Unicode character must not grow it forever
            self[code] = value
        return value


_COMBINING_MARKS = _WithoutCombiningMarks()


def _apostrophes(text: str) -> str:
    return text.replace("\u2019", "'").replace("\u02bc", "'").replace("`", "'")


def fold(text: str) -> str:
    """`text` without case, accents, compatibility forms or invisible characters (rule 1)."""
    if text.isascii():
        return _apostrophes(text.casefold())
    if _INVISIBLE_CHARACTERS.search(text):
        text = text.translate(_INVISIBLE)
    text = unicodedata.normalize("NFKD", text)
    if not _NO_COMBINING_MARKS.fullmatch(text):
        text = text.translate(_COMBINING_MARKS)
    return _apostrophes(unicodedata.normalize("NFC", text).casefold())


def _join_spelt_out_letters(text: str) -> str:
    """Join runs of three or more single characters separated by small gaps (rule 2)."""
    return _SPELT_OUT_RUN.sub(_spelt_out_word, text)


def _spelt_out_word(run: re.Match) -> str:
    # Every character of the run is one letter and one gap, all gaps alike: every (gap + 1)th
    # character is a letter.
    letters = run.group()[:: len(run.group("gap")) + 1]
    return letters if sum(c.isalpha() for c in letters) >= 2 else run.group()


def _read_word(word: str, context: str = "") -> str:
    """One word with look-alike digits and letters read as a reader of `context` script would."""
    scripts = [_script(ch) for ch in word]
    latin, cyrillic = scripts.count("latin"), scripts.count("cyrillic")
    if latin == cyrillic == 0:
        return word
    in_context = bool(latin and cyrillic) and (
        (
            context == "latin"
            and all(
                ch in _CYRILLIC_TO_LATIN
                for ch, s in zip(word, scripts, strict=True)
                if s == "cyrillic"
            )
        )
        or (
            context == "cyrillic"
            and all(
                ch in _LATIN_TO_CYRILLIC
                for ch, s in zip(word, scripts, strict=True)
                if s == "latin"
            )
        )
    )
    # Read in the comment's script when the odd letters allow it, else the word's majority.
    cyrillic_word = context == "cyrillic" if in_context else cyrillic > latin
    if cyrillic_word:
        digits, letters = _CYRILLIC_DIGITS, _LATIN_TO_CYRILLIC
    else:
        digits, letters = _LATIN_DIGITS, _CYRILLIC_TO_LATIN
    return "".join(digits.get(ch) or letters.get(ch) or ch for ch in word)


def _code_points(text: str) -> np.ndarray:
    # surrogatepass: a lone surrogate (JSON allows "\ud800") is counted, not an error.
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


_DIGIT = re.compile(r"\d")
_LATIN_LETTERS = re.compile(r"[a-z]")
_CYRILLIC_LETTERS = re.compile(r"[\u0400-\u04ff]")


def letter_counts(text: str) -> tuple[int, int, int]:
    """How many characters of `text` are a-z, A-Z, and in the Cyrillic block (U+0400-U+04FF).

    Counted with numpy over the code points: a regular expression's `findall` made a list of
    a thousand one-letter strings for a long comment, a tenth of the scorer's time.
    """
    points = _code_points(text)
    return (
        int(np.count_nonzero(points - np.uint32(0x61) < 26)),
        int(np.count_nonzero(points - np.uint32(0x41) < 26)),
        int(np.count_nonzero(points - np.uint32(0x400) < 0x100)),
    )


def main_script(text: str) -> str:
    """ "latin" or "cyrillic": the script of most of `text`'s a-z and Cyrillic letters, or ""."""
    latin, _upper, cyrillic = letter_counts(text)
    if latin == cyrillic:
        return ""
    return "latin" if latin > cyrillic else "cyrillic"


def normalise(text: str) -> str:
    """The comment as the rules read it: rules 1 to 4 of this module applied to `text`."""
    text = _join_spelt_out_letters(fold(text))
    # Each of these expressions starts with a look-behind, so `re` tries it at every position:
    # it is run only when the comment holds one of the symbols, and the mixed words are read
    # in one pass (no search first), the comment's script counted at the first one.
    if "@" in text or "$" in text or "!" in text or "|" in text:
        text = _SYMBOLS_IN_WORDS.sub(lambda m: _SYMBOL_LETTERS[m.group()], text)
    # A mixed word holds a digit, or Latin and Cyrillic letters: without either in the comment
    # there is none (each search below jumps from candidate to candidate, in C).
    if not _DIGIT.search(text) and not (
        _LATIN_LETTERS.search(text) and _CYRILLIC_LETTERS.search(text)
    ):
        return text
    context = None

    def read(word: re.Match) -> str:
        nonlocal context
        if context is None:
            context = main_script(text)
        return _read_word(word.group(), context)

    return _MIXED_WORD.sub(read, text)


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
                run = end - i
                out.append(re.escape(ch) + ("+" if run == 1 else f"{{{run},}}"))
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
    # No IGNORECASE: the pattern and the text are both case-folded, and Python's `re` scans ten
    # times slower when it has to compare cases.
    return re.compile(regex, re.UNICODE)


@lru_cache(maxsize=32)
def compile_words(rules: tuple["WordRule", ...]) -> re.Pattern:
    """One pattern matching what any of the plain-word `rules` matches (regex rules are skipped).

    A comment is read once instead of once per word: with a hundred words that was most of the
    scorer's time on a long comment. The words are tried only where a word starts with one of
    their first letters. Matches do not overlap; the rules' own language is ignored.
    """
    words = [fold(rule.pattern) for rule in rules if not rule.is_regex]
    if not words:
        return re.compile(r"(?!)")
    branches = [plain_pattern_regex(word).removeprefix(r"(?<!\w)") for word in words]
    first = "".join(sorted({re.escape(word.strip()[0]) for word in words}))
    return re.compile(rf"(?<!\w)(?=[{first}])(?:{'|'.join(branches)})", re.UNICODE)


_REPEATED_CHARACTER = re.compile(r"(.)\1+", re.DOTALL)
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
#: Factors shorter than this are in most comments: checking them saves nothing.
_SHORTEST_USEFUL_FACTOR = 3


def squeezed(text: str) -> str:
    """`text` with each run of one character written once: what rule 5 makes of "kiiilll".

    Kept with numpy where a code point differs from the one before it: the regular expression
    `(.)\\1+` (kept as `squeezed_by_regex`, which a test compares) expanded its replacement in
    Python at every run, ten times slower on a long comment.
    """
    points = _code_points(text)
    if len(points) < 2:
        return text
    keep = np.empty(len(points), dtype=bool)
    keep[0] = True
    np.not_equal(points[1:], points[:-1], out=keep[1:])
    return points[keep].tobytes().decode("utf-32-le", "surrogatepass")


def squeezed_by_regex(text: str) -> str:
    """`squeezed` read with a regular expression: the plain statement of what it does."""
    return _REPEATED_CHARACTER.sub(r"\1", text)


@lru_cache(maxsize=2048)
def required_factors(pattern: re.Pattern) -> frozenset[str] | None:
    """Strings of which every match of `pattern` holds one, in `squeezed` form, or None.

    Python's `re` finds no first-character shortcut for a pattern that starts with `\\b` or a
    look-behind, so it tries such a pattern at every position of a comment. Checking these
    strings first with `in` (a fast scan in C) skips the pattern on the many comments that
    cannot match it. Read from the compiled pattern's parse tree: runs of literal letters
    (a letter repeated one or more times counts once, as `squeezed` reads the comment), the
    union over the branches of an alternation, the strongest set of a sequence.
    """
    found = _factors(sre_parse.parse(pattern.pattern, pattern.flags).data)
    if found is None or min(map(len, found)) < _SHORTEST_USEFUL_FACTOR:
        return None
    return found


def _factors(items) -> frozenset[str] | None:
    best: frozenset[str] | None = None
    run: list[str] = []

    def consider(candidate: frozenset[str] | None) -> None:
        nonlocal best
        if candidate and (best is None or _strength(candidate) > _strength(best)):
            best = candidate

    def end_run() -> None:
        if run:
            consider(frozenset({squeezed("".join(run))}))
            run.clear()

    for op, av in items:
        if op is sre.LITERAL:
            run.append(chr(av))
            continue
        if op in _REPEATS and av[0] >= 1 and len(av[2]) == 1 and av[2][0][0] is sre.LITERAL:
            run.append(chr(av[2][0][1]))  # "k+" or "l{2,}": the letter once, once squeezed
            continue
        end_run()
        if op is sre.SUBPATTERN:
            consider(_factors(av[3]))
        elif op is sre.BRANCH:
            branches = [_factors(branch) for branch in av[1]]
            if all(branches):
                consider(frozenset().union(*branches))
        elif op in _REPEATS and av[0] >= 1:
            consider(_factors(av[2]))
    end_run()
    return best


def _strength(factors: frozenset[str]) -> tuple[int, int]:
    return min(map(len, factors)), -len(factors)


def may_match(pattern: re.Pattern, squeezed_text: str) -> bool:
    """False only when `pattern` cannot match the text `squeezed_text` was made from."""
    return any_factor_in(required_factors(pattern), squeezed_text)


def any_factor_in(factors: frozenset[str] | None, squeezed_text: str) -> bool:
    """`may_match` with the pattern's `required_factors` already read (None: it may match)."""
    return factors is None or any(factor in squeezed_text for factor in factors)


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
