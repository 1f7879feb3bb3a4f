"""Every count is pluralised by its language's rules: Russian's three forms, Arabic's six."""

import pytest
from django.utils.translation import override

from newsdesk.articles.paginators import StoryPaginator
from newsdesk.discussion.services import comment_count_heading
from newsdesk.reactions.services import votes_label


class Matching(list):
    """Search results stood in by a list that counts like a queryset."""

    def __getitem__(self, index):
        items = super().__getitem__(index)
        return Matching(items) if isinstance(index, slice) else items

    def count(self, *args) -> int:
        return len(self)


RUSSIAN_COMMENTS = [
    (1, "1 комментарий"),
    (2, "2 комментария"),
    (4, "4 комментария"),
    (5, "5 комментариев"),
    (11, "11 комментариев"),
    (12, "12 комментариев"),
    (21, "21 комментарий"),
    (22, "22 комментария"),
    (111, "111 комментариев"),
    (1500, "1500 комментариев"),
]

# Arabic's six forms: zero, one, two, a few (3-10 after the hundreds), many (11-99), other (100+).
ARABIC_COMMENTS = [
    (0, "لا تعليقات"),
    (1, "تعليق واحد"),
    (2, "تعليقان"),
    (3, "3 تعليقات"),
    (10, "10 تعليقات"),
    (11, "11 تعليقًا"),
    (99, "99 تعليقًا"),
    (100, "100 تعليق"),
    (102, "102 تعليق"),
    (103, "103 تعليقات"),
    (111, "111 تعليقًا"),
]


@pytest.mark.parametrize(("count", "expected"), RUSSIAN_COMMENTS)
def test_russian_comment_counts(count, expected):
    with override("ru"):
        assert comment_count_heading(count) == expected


@pytest.mark.parametrize(("count", "expected"), ARABIC_COMMENTS)
def test_arabic_comment_counts_take_all_six_forms(settings, count, expected):
    settings.NEWSDESK_NATIVE_DIGITS = []
    with override("ar"):
        assert comment_count_heading(count) == expected


@pytest.mark.parametrize(
    ("count", "english", "french"),
    [
        (0, "0 Comments", "0 commentaire"),
        (1, "1 Comment", "1 commentaire"),
        (2, "2 Comments", "2 commentaires"),
    ],
)
def test_english_and_french_comment_counts(count, english, french):
    with override("en"):
        assert comment_count_heading(count) == english
    with override("fr"):
        assert comment_count_heading(count) == french


def test_arabic_counts_in_arabic_indic_digits_when_chosen(settings):
    settings.NEWSDESK_NATIVE_DIGITS = ["ar"]
    with override("ar"):
        assert comment_count_heading(15) == "١٥ تعليقًا"
        assert votes_label(7) == "٧ أصوات"


@pytest.mark.parametrize(
    ("language", "counts"),
    [
        ("en", {1: "1 vote", 2: "2 votes"}),
        ("ru", {1: "1 голос", 3: "3 голоса", 5: "5 голосов", 21: "21 голос"}),
        ("fr", {0: "0 voix", 1: "1 voix", 2: "2 voix"}),
        (
            "ar",
            {0: "لا أصوات", 1: "صوت واحد", 2: "صوتان", 5: "5 أصوات", 12: "12 صوتًا", 200: "200 صوت"},
        ),
    ],
)
def test_reaction_votes(settings, language, counts):
    settings.NEWSDESK_NATIVE_DIGITS = []
    with override(language):
        assert {count: votes_label(count) for count in counts} == counts


@pytest.mark.parametrize(
    ("language", "count", "expected"),
    [
        ("en", 1, "1 result"),
        ("en", 23, "23 results"),
        ("ru", 1, "1 результат"),
        ("ru", 3, "3 результата"),
        ("ru", 5, "5 результатов"),
        ("ru", 21, "21 результат"),
        ("fr", 2, "2 résultats"),
        ("ar", 1, "نتيجة واحدة"),
        ("ar", 2, "نتيجتان"),
        ("ar", 7, "7 نتائج"),
        ("ar", 40, "40 نتيجة"),
    ],
)
def test_search_result_counts(settings, language, count, expected):
    settings.NEWSDESK_NATIVE_DIGITS = []
    with override(language):
        assert StoryPaginator(Matching(range(count)), 12).results_label == expected


def test_search_counts_past_the_limit_say_about_with_the_languages_grouping(settings):
    settings.NEWSDESK_NATIVE_DIGITS = []
    expected = {
        "en": "about 1,000 results",
        "ru": "около 1\xa0000 результатов",
        "fr": "environ 1\xa0000 résultats",
        "ar": "نحو 1000 نتيجة",
    }
    shown = {}
    for language in expected:
        with override(language):
            shown[language] = StoryPaginator(Matching(range(1_001)), 12).results_label
    assert shown == expected
