"""Best match first ranks the right story first, in English and Russian, on SQLite and PostgreSQL.

A small newsroom: in each edition the story that is about a subject is older than the stories
that only mention it, so newest first would put it last; each query (often in another form of
the word than the story's) names the story that must come first under best match.
"""

import pytest
from django.utils import translation

from newsdesk.articles import services
from tests.common.db.articles import days_ago, make_story, paragraph
from tests.common.db.sections import make_edition, translate_section

pytestmark = pytest.mark.django_db

#: (key, headline, body, days ago): the stories each edition holds.
STORIES = {
    "en": [
        (
            "airport",
            "Travellers stranded as storms close the airport",
            "Hundreds of travellers spent the night at the airport when storms closed it.",
            10,
        ),
        (
            "ferry",
            "Council approves a new ferry timetable",
            "The ferry to the islands will run every hour; the timetable starts in May.",
            9,
        ),
        (
            "election",
            "Election results delayed in the northern district",
            "Votes were counted twice before the elected council could meet.",
            8,
        ),
        (
            "markets",
            "Markets close lower",
            "Shares fell; a traveller's guide to the city's airport topped the list of sales.",
            1,
        ),
        (
            "weather",
            "Weekend weather outlook",
            "Storms are expected; ferries may be cancelled and a timetable change is possible.",
            2,
        ),
        (
            "mayor",
            "Mayor opens the new library",
            "The mayor said the elections next year would not delay the work.",
            3,
        ),
    ],
    "ru": [
        (
            "airport",
            "Путешественники застряли в аэропорту из-за бури",
            "Сотни путешественников провели ночь в аэропорту, когда буря закрыла его.",
            10,
        ),
        (
            "ferry",
            "Совет утвердил новое расписание парома",
            "Паром на острова будет ходить каждый час; расписание парома начнёт действовать в мае.",
            9,
        ),
        (
            "election",
            "Итоги выборов в северном районе задерживаются",
            "Голоса пересчитали дважды: выборы прошли с нарушениями.",
            8,
        ),
        (
            "markets",
            "Рынки закрылись снижением",
            "Акции упали; путеводитель для путешественника по аэропорту стал лидером продаж.",
            1,
        ),
        (
            "weather",
            "Прогноз погоды на выходные",
            "Ожидаются бури; паромы могут отменить.",
            2,
        ),
        (
            "mayor",
            "Мэр открыл новую библиотеку",
            "Мэр сказал, что выборы в следующем году не задержат работы.",
            3,
        ),
    ],
}

#: (language, query, the story that must come first under best match).
RELEVANCE = [
    ("en", "traveller", "airport"),
    ("en", "travellers", "airport"),
    ("en", "storm airport", "airport"),
    ("en", "ferries", "ferry"),
    ("en", "timetables", "ferry"),
    ("en", "elections", "election"),
    ("en", "elected", "election"),
    ("ru", "путешественник", "airport"),
    ("ru", "аэропорт", "airport"),
    ("ru", "паромы", "ferry"),
    ("ru", "расписания", "ferry"),
    ("ru", "выборах", "election"),
    ("ru", "выборы", "election"),
]


@pytest.fixture
def newsroom(home, section):
    """{language: {key: story}} for the stories above."""
    sections = {"en": section}
    make_edition(home, "ru", "Тестовый курьер")
    sections["ru"] = translate_section(section, "ru", "Безопасность")
    return {
        language: {
            key: make_story(
                sections[language],
                headline,
                body=[paragraph(body)],
                published_at=days_ago(age),
            )
            for key, headline, body, age in stories
        }
        for language, stories in STORIES.items()
    }


def found(language: str, query: str, *, best_match: bool) -> list[int]:
    with translation.override(language):
        return [story.pk for story in services.search_stories(query, best_match=best_match)]


@pytest.mark.parametrize(("language", "query", "first"), RELEVANCE)
def test_best_match_ranks_the_story_about_it_first(newsroom, language, query, first):
    expected = newsroom[language][first].pk
    ranked = found(language, query, best_match=True)
    newest = found(language, query, best_match=False)
    assert sorted(ranked) == sorted(newest)  # the same stories, in another order
    assert ranked[0] == expected, [
        next(key for key, story in newsroom[language].items() if story.pk == pk) for pk in ranked
    ]


def test_newest_first_would_not_put_them_first(newsroom):
    """The set is a test of ranking: most of the stories that must come first are the oldest."""
    wrong = [
        query
        for language, query, first in RELEVANCE
        if found(language, query, best_match=False)[0] != newsroom[language][first].pk
    ]
    assert len(wrong) >= len(RELEVANCE) // 2
