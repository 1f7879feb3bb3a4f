"""Word lists match the way a reader obfuscates, and only whole words."""

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.moderation.matching import (
    _MIXED_WORD,
    _SYMBOL_LETTERS,
    _SYMBOLS_IN_WORDS,
    WordRule,
    _join_spelt_out_letters,
    _read_word,
    compile_pattern,
    compile_words,
    find_matches,
    fold,
    letter_counts,
    main_script,
    may_match,
    normalise,
    required_factors,
    squeezed,
    squeezed_by_regex,
    tolerant_regex,
)


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("KÍLL", "kill"),
        ("ｋｉｌｌ", "kill"),
        ("k.i.l.l them", "kill them"),
        ("k i l l", "kill"),
        ("k-i-l-l", "kill"),
        ("k1ll", "kill"),
        ("h@te", "hate"),
        ("k!ll", "kill"),
        ("kіll", "kill"),  # Cyrillic і
        ("у6ить", "убить"),  # 6 for б in a Cyrillic word
        ("ублюдoк", "ублюдок"),  # Latin o in a Cyrillic word
        ("Ёлка", "елка"),
        ("kil\u200bl", "kill"),
        ("I’ll", "i'll"),
    ],
)
def test_normalise_reads_obfuscations(written, read):
    """Case, accents, width, spelt-out letters, look-alike digits and scripts are undone."""
    assert normalise(written) == read


def test_normalise_keeps_numbers_and_sentences():
    """Digits outside words and ordinary punctuation stay as they are."""
    assert normalise("29 civilians, 800,000 displaced.") == "29 civilians, 800,000 displaced."


def test_short_words_are_not_joined():
    """Only runs of three or more single letters are read as one word."""
    assert normalise("a b") == "a b"
    assert normalise("I am a reader") == "i am a reader"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("kill", "k+i+l{2,}"),
        (r"\bkill\b", r"\bk+i+l{2,}\b"),
        ("colou?r", "c+o+l+o+u?r+"),
        ("[abc]x", "[abc]x+"),
        ("a{2}", "a{2}"),
        (r"(?<!to\s)death", r"(?<!to\s)d+e+a+t+h+"),
        ("(?:them|us)", "(?:t+h+e+m+|u+s+)"),
    ],
)
def test_tolerant_regex_repeats_literal_letters_only(source, expected):
    """Letters match repeated; escapes, classes, quantifiers and look-behinds are untouched."""
    assert tolerant_regex(source) == expected
    re.compile(expected)


@pytest.mark.parametrize("text", ["kiiiilll them", "KILL", "k.i.l.l", "kiLLLL"])
def test_plain_pattern_tolerates_repeats_and_case(text):
    assert compile_pattern("kill").search(normalise(text))


@pytest.mark.parametrize(
    ("pattern", "text"),
    [("kill", "Kil"), ("nigger*", "Nigerian troops were deployed"), ("ass", "as")],
)
def test_a_doubled_letter_must_stay_doubled(pattern, text):
    """Collapsing a pattern's double letter made "Nigerian" match a slur (issue 10)."""
    assert not compile_pattern(pattern).search(normalise(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I will kill уоu", "i will kill you"),  # "у" and "о" are Cyrillic
        ("я тeбя убью", "я тебя убью"),  # "e" is Latin
        ("Я тебя yбью", "я тебя убью"),  # "y" is Latin
        ("kіll them all", "kill them all"),  # "і" is Cyrillic
    ],
)
def test_look_alike_letters_are_read_in_the_script_of_the_comment(text, expected):
    """A word with letters of the other alphabet reads as the comment around it (issue 10)."""
    assert normalise(text) == expected


def test_plain_pattern_matches_whole_words_only():
    """The Scunthorpe problem: a word inside another word does not match."""
    assert not compile_pattern("cunt").search(normalise("Scunthorpe United"))
    assert not compile_pattern("ass").search(normalise("a classic assessment"))
    assert compile_pattern("ass").search(normalise("what an ass"))


def test_star_makes_a_stem():
    """`уничтож*` matches every form of the verb."""
    pattern = compile_pattern("уничтож*")
    for form in ("уничтожить", "уничтожены", "Уничтожат"):
        assert pattern.search(normalise(form)), form
    assert not pattern.search(normalise("неуничтожимый"))


def test_phrases_tolerate_any_separator():
    pattern = compile_pattern("should be destroyed")
    assert pattern.search(normalise("should   be, destroyed"))
    assert pattern.search(normalise("should-be-destroyed"))


def test_invalid_regex_raises():
    with pytest.raises(re.error):
        compile_pattern("(unclosed", is_regex=True)


def test_rule_languages():
    """A rule with a language covers only comments in that language; empty means all."""
    assert WordRule("con", language="fr").applies_to("fr-ca")
    assert not WordRule("con", language="fr").applies_to("en")
    assert WordRule("con").applies_to("en")


def test_find_matches_reports_what_the_rules_read():
    rules = (WordRule("bastard*"), WordRule("con", language="fr"))
    assert find_matches(rules, "B.A.S.T.A.R.D and con", "en") == ["bastard"]


def _spelt_out_by_words(text: str) -> str:
    """Rule 2 as it was first written, word by word: the reference the one-pass reading keeps."""
    gap_only = re.compile(r"[\s.\-_*·•,'/|+~]{1,3}")
    tokens = list(re.finditer(r"\w+", text))
    pieces, position, i = [], 0, 0
    while i < len(tokens):
        j, gap = i, None
        while j + 1 < len(tokens) and len(tokens[j].group()) == len(tokens[j + 1].group()) == 1:
            between = text[tokens[j].end() : tokens[j + 1].start()]
            if not gap_only.fullmatch(between) or gap not in (None, between):
                break
            gap, j = between, j + 1
        run = tokens[i : j + 1]
        letters = "".join(t.group() for t in run)
        if len(run) >= 3 and sum(c.isalpha() for c in letters) >= 2:
            pieces += [text[position : run[0].start()], letters]
            position, i = run[-1].end(), j + 1
        else:
            i += 1
    pieces.append(text[position:])
    return "".join(pieces)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(["k", "i", "l", "1", "я", "б", "ab", "word", "_"]),
            st.sampled_from([" ", ".", "-", " . ", "  ", "...", "....", ", ", "_", "x"]),
        ),
        max_size=30,
    ).map("".join)
)
def test_spelt_out_letters_are_joined_as_word_by_word_reading_joins_them(text):
    """The one-pass rule 2 reads every text as the word-by-word reference does."""
    assert _join_spelt_out_letters(text) == _spelt_out_by_words(text)


@pytest.mark.parametrize(
    ("pattern", "factors"),
    [
        (r"\bkill\s+yourself\b", {"yourself"}),
        (r"\b(?:kill|murder)\s+(?:them|you)\b", {"kil", "murder"}),
        (r"\bdeath\s+to\b", {"death"}),
        (r"\b(?:kill|)\s+them\b", {"them"}),  # an empty branch promises nothing
        (r"\bk\w*\b", None),  # too short to be worth a scan
        (r"(?:kill)?\s+them", {"them"}),
    ],
)
def test_required_factors_are_what_every_match_holds(pattern, factors):
    compiled = compile_pattern(pattern, True)
    assert required_factors(compiled) == (frozenset(factors) if factors else None)


def test_a_pattern_is_skipped_only_when_it_cannot_match():
    """Rule 5 is kept: "kiiilll yourself" still needs the pattern read."""
    compiled = compile_pattern(r"\bkill\s+yourself\b", True)
    text = normalise("Go kiiilll   yourselff now")
    assert compiled.search(text) and may_match(compiled, squeezed(text))
    assert not may_match(compiled, squeezed(normalise("The council met on Tuesday.")))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "kill",
                "kiill",
                "k.i.l.l",
                " ",
                "  ",
                "them",
                "yourself",
                "death",
                "to",
                "убей",
                "их",
                "всех",
                "надо",
                "уничтожить",
                "should",
                "be",
                "burned",
                "ddeath",
                "!",
                "\n",
            ]
        ),
        max_size=12,
    ).map("".join)
)
def test_the_factor_scan_never_hides_a_built_in_pattern_match(text):
    from newsdesk.moderation import wordlists

    normalised = normalise(text)
    short = squeezed(normalised)
    for name in ("CALLS_TO_KILL_EN", "CALLS_TO_KILL_RU", "THREATS_EN", "THREATS_RU", "ABUSE_EN"):
        rules = getattr(wordlists, name)
        patterns = [compile_words(rules)] + [
            compile_pattern(r.pattern, True) for r in rules if r.is_regex
        ]
        for compiled in patterns:
            if compiled.search(normalised):
                assert may_match(compiled, short), (compiled.pattern, text)


DEV_SETS = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "moderation"


@pytest.mark.slow
@pytest.mark.skipif(not DEV_SETS.is_dir(), reason="../shared/data/moderation is absent")
def test_on_the_dev_sets_the_factor_scan_skips_no_pattern_that_matches():
    """Every built-in pattern over 5,000 real comments: skipped only where it finds nothing."""
    import csv

    from newsdesk.moderation import wordlists

    patterns = []
    for name in dir(wordlists):
        rules = getattr(wordlists, name)
        if name.isupper() and isinstance(rules, tuple):
            patterns.append(compile_words(rules))
            patterns += [compile_pattern(r.pattern, True) for r in rules if r.is_regex]
    checked = skipped = 0
    for folder in ("en-jigsaw", "ru-2ch-pikabu"):
        with open(DEV_SETS / folder / "dev.csv", newline="", encoding="utf-8") as rows:
            for n, row in enumerate(csv.DictReader(rows)):
                if n == 2500:
                    break
                normalised = normalise(row["text"])
                short = squeezed(normalised)
                for compiled in patterns:
                    checked += 1
                    if not may_match(compiled, short):
                        skipped += 1
                        assert not compiled.search(normalised), (compiled.pattern, row["text"])
    assert skipped > checked / 2  # the scan does skip most patterns on most comments


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x0520)) | st.text())
def test_letter_counts_are_what_the_regular_expressions_count(text):
    """The numpy count agrees with counting a-z, A-Z and U+0400-U+04FF one match at a time."""
    assert letter_counts(text) == (
        len(re.findall(r"[a-z]", text)),
        len(re.findall(r"[A-Z]", text)),
        len(re.findall(r"[\u0400-\u04ff]", text)),
    )


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["k", "i", "l", "ll", "\n\n", " ", "ё", "жж", "😀😀", "\u0301"])).map(
        "".join
    )
    | st.text()
)
def test_squeezed_is_what_the_regular_expression_makes(text):
    """Each run of one character written once, as `(.)\\1+` replaced by `\\1` does."""
    assert squeezed(text) == squeezed_by_regex(text)


def test_a_lone_surrogate_is_squeezed_and_counted():
    assert squeezed("a\ud800\ud800b") == "a\ud800b"
    assert letter_counts("a\ud800Б") == (1, 0, 1)


def normalise_step_by_step(text: str) -> str:
    """`normalise` as first written: every rule's expression run, the mixed words searched first."""
    text = _join_spelt_out_letters(fold(text))
    text = _SYMBOLS_IN_WORDS.sub(lambda m: _SYMBOL_LETTERS[m.group()], text)
    if not _MIXED_WORD.search(text):
        return text
    context = main_script(text)
    return _MIXED_WORD.sub(lambda m: _read_word(m.group(), context), text)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "k1ll",
                "h@te",
                "k!ll",
                "a|b",
                "$",
                "@",
                "!",
                "|",
                " ",
                ".",
                "kіll",
                "уоu",
                "you",
                "у6ить",
                "тeбя",
                "k.i.l.l",
                "x",
                "ж",
                "7",
                "Ё",
            ]
        ),
        max_size=15,
    ).map("".join)
    | st.text()
)
def test_normalise_reads_as_every_rule_run_in_turn(text):
    """No symbol rule without a symbol, no search before the mixed words: the same reading."""
    assert normalise(text) == normalise_step_by_step(text)
