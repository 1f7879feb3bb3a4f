"""The local scorer reads comments as news is read: each misreading reported in issue 10."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.moderation import scorers
from newsdesk.moderation.matching import may_match, normalise, squeezed
from newsdesk.moderation.news_context import IDIOMS, NAME, is_reported, names, without_idioms
from newsdesk.moderation.scorers import PatternScorer
from newsdesk.moderation.verdicts import Action

local = PatternScorer(threat_rules=())


def checks(text: str, language: str = "en") -> dict[str, Action]:
    return {v.check: v.action for v in local.score(text, language)}


@pytest.mark.parametrize(
    "text",
    [
        "Protesters chanted 'Death to America' outside the embassy.",
        'The crowd chanted "death to the dictator" as police watched.',
        "Митингующие скандировали «Смерть оккупантам».",
        "He said: 'I will kill you', according to the police report.",
    ],
)
def test_a_quoted_or_reported_call_to_kill_is_held_not_refused(text):
    """The comment reports someone else's words: a moderator reads it, nobody refuses it."""
    language = "ru" if "Смерть" in text else "en"
    assert checks(text, language) == {scorers.THREAT: Action.HOLD}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Death to all traitors", "en"),
        ("I will kill you.", "en"),
        ("Kill them all", "en"),
        ("Смерть предателям", "ru"),
    ],
)
def test_the_commenters_own_call_to_kill_is_refused(text, language):
    assert checks(text, language)[scorers.CALL_TO_KILL] == Action.REJECT


@pytest.mark.parametrize(
    "text",
    [
        "I'll shoot you an email with the figures tomorrow.",
        "We will kill the bill in committee, the senator said.",
        "Activists vowed to kill the bill.",
        "Shoot me a message if the road reopens.",
    ],
)
def test_idioms_are_neither_threats_nor_calls_to_kill(text):
    assert checks(text) == {}


def test_an_idiom_does_not_hide_a_threat_beside_it():
    assert checks("I'll shoot you an email, then I will kill you.")[scorers.CALL_TO_KILL] == (
        Action.REJECT
    )


def test_a_word_containing_a_slur_with_one_letter_less_is_not_abuse():
    """ "Nigerian" matched a slur whose double letter was collapsed."""
    assert checks("Nigerian troops were deployed to the border.") == {}


@pytest.mark.parametrize(
    "text",
    ["Губернатор Хохлов подписал указ.", "Министр Жидков выступил, а Москаль промолчал."],
)
def test_a_surname_on_the_slur_list_is_read_as_a_name(text):
    """Capitalised in the middle of a sentence, a listed word is a name."""
    assert checks(text, "ru") == {}


def test_the_same_word_as_a_slur_is_still_held():
    assert checks("опять эти хохлы всё испортили", "ru") == {scorers.ABUSE: Action.HOLD}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Destroy Kyiv!", "en"),
        ("Nuke Moscow now", "en"),
        ("Wipe out Israel.", "en"),
        ("Уничтожить Киев!", "ru"),
        ("Стереть Москву", "ru"),
        ("Сжечь Лондон.", "ru"),
    ],
)
def test_a_short_imperative_to_destroy_a_country_or_city_is_held(text, language):
    assert checks(text, language) == {scorers.THREAT: Action.HOLD}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("They want to destroy the economy of the region.", "en"),
        ("Российские самолеты уничтожили больницы в Идлибе.", "ru"),
    ],
)
def test_destruction_reported_as_news_is_not_a_threat(text, language):
    assert checks(text, language) == {}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("I will kill уоu", "en"),  # "у" and "о" are Cyrillic
        ("i wіll kіll yоu", "en"),  # "і" and "о" are Cyrillic
        ("я тeбя убью", "ru"),  # "e" is Latin
        ("Я тебя yбью", "ru"),  # "y" is Latin
    ],
)
def test_threats_in_look_alike_letters_of_the_other_alphabet_are_refused(text, language):
    assert checks(text, language)[scorers.CALL_TO_KILL] == Action.REJECT


def test_helpers_read_the_normalised_text():
    text = normalise("She said 'death to them' and left.")
    start = text.index("death")
    assert is_reported(text, start, start + 13)
    assert not is_reported(normalise("Death to them."), 0, 13)
    assert without_idioms("kill the bill now") == " " * 13 + " now"
    assert names("Вчера губернатор Хохлов уехал.") == {"хохлов"}


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Хохлов",
                "Ёж",
                "Smith",
                "smith",
                "A",
                "x",
                " ",
                "\n",
                ",",
                ";",
                ")",
                "-",
                ".",
                "é",
                "1",
                "_",
                "ж",
            ]
        ),
        max_size=14,
    ).map("".join)
    | st.text()
)
def test_names_are_found_where_the_look_behind_first_found_them(text):
    """The capital first, the look-behind after it: the same words in the same places."""
    first = re.compile(r"(?<=[\w,;)\-]\s)([A-ZА-ЯЁ][a-zа-яё]+)")
    assert [m.span() for m in NAME.finditer(text)] == [m.span() for m in first.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "kill",
                "kiill",
                "killed",
                "shoot",
                "shooot",
                "you",
                "an",
                "email",
                "the",
                "bill",
                "time",
                "bomb",
                "bombed",
                "exam",
                "dressed",
                "to",
                "would",
                "'d",
                "for",
                "killer",
                "app",
                "two",
                "birds",
                "breeze",
                " ",
                "  ",
                "\n",
                ".",
                "ж",
            ]
        ),
        max_size=10,
    ).map("".join)
)
def test_idioms_are_looked_for_only_where_their_words_are(text):
    """The scorer skips the idioms when the scan says none can match: then none would have."""
    from unittest import mock

    normalised = normalise(text)
    if not may_match(IDIOMS, squeezed(normalised)):
        assert without_idioms(normalised) == normalised
    with mock.patch.object(scorers, "any_factor_in", lambda factors, squeezed_text: True):
        every_pattern_read = local.score(text, "en")
    assert local.score(text, "en") == every_pattern_read
