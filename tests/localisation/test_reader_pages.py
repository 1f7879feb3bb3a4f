"""Reader pages in each language: `<html lang dir>`, isolated names and counts, local dates.

The language comes from the edition the page is in (`/ar/...`): the story is translated into the
Russian and Arabic editions, under the same slugs, and each version has the same two comments.
"""

from datetime import UTC, datetime

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale

from newsdesk.articles.models import Article
from tests.articles.test_query_counts import STORY_PAGE_QUERIES, queries_for
from tests.common.db.articles import make_story, translate_story
from tests.common.db.bylines import AgencyFactory, AuthorFactory
from tests.common.db.discussion import CommentFactory
from tests.common.db.sections import make_edition, translate_section

pytestmark = pytest.mark.django_db

PUBLISHED = datetime(2026, 11, 30, 9, 30, tzinfo=UTC)


@pytest.fixture
def story(home, section):
    """The English story; its Russian and Arabic versions live at the same path in their edition."""
    anna = AuthorFactory(name="Anna Petrova")
    story = make_story(
        section,
        "Offensive displaces almost 800,000",
        byline=[anna, AgencyFactory(short_name="AFP")],
    )
    versions = [story]
    for language in ("ru", "ar"):
        make_edition(home, language)
        translate_section(section, language, section.title, slug=section.slug)
        anna.copy_for_translation(Locale.objects.get(language_code=language)).save()
        versions.append(translate_story(story, language))
    for version in versions:
        Article.objects.filter(pk=version.pk).update(first_published_at=PUBLISHED)
        CommentFactory(story=version, author_name="سارة", text="تعليق بالعربية with English inside")
        CommentFactory(story=version, author_name="John Smith", text="Plain English.")
    story.refresh_from_db()
    return story


def in_edition(url: str, language: str) -> str:
    """The same address in another edition: `/en/security/...` or `/search/` in `language`."""
    return f"/{language}/" + url.removeprefix("/en/").lstrip("/")


def page(client, url: str, language: str) -> BeautifulSoup:
    response = client.get(in_edition(url, language))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize(("language", "direction"), [("en", "ltr"), ("ru", "ltr"), ("ar", "rtl")])
def test_the_page_declares_its_language_and_direction(client, story, language, direction):
    html = page(client, story.get_absolute_url(), language).html
    assert (html["lang"], html["dir"]) == (language, direction)


def test_the_front_page_and_search_are_right_to_left_in_arabic(client, story):
    for url in ["/", "/search/?q=Offensive"]:
        html = page(client, url, "ar").html
        assert (html["lang"], html["dir"]) == ("ar", "rtl"), url


def test_names_are_isolated_from_the_text_around_them(client, story):
    soup = page(client, story.get_absolute_url(), "ar")
    byline = soup.select_one(".story .byline")
    assert [bdi.get_text() for bdi in byline.find_all("bdi")] == ["Anna Petrova", "AFP"]
    authors = [element.name for element in soup.select(".comment__author")]
    assert authors == ["bdi", "bdi"]
    assert [e.get_text() for e in soup.select(".comment__author")] == ["سارة", "John Smith"]


def test_readers_text_takes_its_own_direction(client, story):
    soup = page(client, story.get_absolute_url(), "ar")
    assert {text["dir"] for text in soup.select(".comment__text")} == {"auto"}
    form = soup.select_one("form[data-comment-form]")
    assert form.select_one("textarea[name=text]")["dir"] == "auto"
    assert form.select_one("input[name=author_name]")["dir"] == "auto"
    assert form.select_one("input[name=author_email]")["dir"] == "ltr"


@pytest.mark.parametrize(
    ("language", "native", "counter", "digits", "direction"),
    [
        ("en", [], "1500 / 1500", "0123456789", "ltr"),
        ("ar", [], "1500 / 1500", "0123456789", "rtl"),
        ("ar", ["ar"], "١٥٠٠ / ١٥٠٠", "٠١٢٣٤٥٦٧٨٩", "rtl"),
    ],
)
def test_the_comment_counter_is_isolated_in_the_readers_digits(
    client, settings, story, language, native, counter, digits, direction
):
    settings.NEWSDESK_NATIVE_DIGITS = native
    form = page(client, story.get_absolute_url(), language).select_one("form[data-comment-form]")
    value = form.select_one("[data-counter-value]")
    assert (value.name, value["dir"], value.get_text()) == ("bdi", direction, counter)
    assert form["data-digits"] == digits


@pytest.mark.parametrize(
    ("language", "published", "heading"),
    [
        ("en", "30 November 2026, 09:30", "2 Comments"),
        ("ru", "30 ноября 2026, 09:30", "2 комментария"),
        ("ar", "30 نوفمبر 2026، 09:30", "تعليقان"),
    ],
)
def test_dates_and_counts_on_the_story_page(client, story, language, published, heading):
    soup = page(client, story.get_absolute_url(), language)
    assert soup.select_one(".story__dates time.published").get_text() == published
    assert soup.select_one("time.published")["datetime"].startswith("2026-11-30T09:30")
    assert soup.select_one("#comments-heading").get_text() == heading


def test_arabic_indic_digits_reach_dates_counts_and_years(client, settings, story):
    settings.NEWSDESK_NATIVE_DIGITS = ["ar"]
    soup = page(client, story.get_absolute_url(), "ar")
    assert soup.select_one("time.published").get_text() == "٣٠ نوفمبر ٢٠٢٦، ٠٩:٣٠"
    assert soup.select_one("time.published")["datetime"].startswith("2026-11-30")
    assert "٢٠٢٦" in soup.select_one(".site-footer").get_text()


def test_teasers_carry_the_genitive_date(client, story):
    soup = page(client, "/", "ru")
    assert "30 ноября 2026" in [time.get_text() for time in soup.select(".teaser__meta time")]


def test_search_says_how_many_stories_it_found(client, story):
    soup = page(client, "/search/?q=Offensive", "ru")
    assert soup.select_one(".search-count").get_text() == "1 результат"


@pytest.mark.parametrize("language", ["ru", "ar"])
def test_the_story_page_costs_the_same_queries_in_every_language(client, story, language):
    url = in_edition(story.get_absolute_url(), language)
    assert queries_for(client, url) == STORY_PAGE_QUERIES


def test_names_inside_headings_and_sentences_are_isolated(client, story):
    story.tags.add("Kelbaran")
    story.save_revision().publish()
    tag = page(client, "/tags/kelbaran/", "ar").h1
    assert tag.bdi.get_text() == "Kelbaran"
    author = story.byline_entries.first().author
    heading = page(client, author.get_absolute_url(), "ar").select_one("#author-stories")
    assert heading.bdi.get_text() == "Anna Petrova"
    nothing = page(client, "/search/?q=Zzyzx", "ar").select_one(".story-list p")
    assert nothing.bdi.get_text() == "Zzyzx"
