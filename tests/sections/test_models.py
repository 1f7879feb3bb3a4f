"""The front page and section pages readers browse."""

import pytest
from bs4 import BeautifulSoup

from tests.common.db.articles import days_ago, make_story
from tests.common.db.bylines import AuthorFactory
from tests.common.db.sections import make_section

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_front_page_leads_with_newest_story_then_latest_and_section_blocks(client, home, section):
    older = make_story(section, "Older story", published_at=days_ago(2))
    newest = make_story(section, "Newest story", published_at=days_ago(1))
    page = soup(client.get("/en/"))
    assert page.select_one(".lead .teaser__headline a").get_text() == newest.headline
    assert [a.get_text() for a in page.select(".latest .teaser__headline a")] == [older.headline]
    block = page.select_one(".section-block")
    assert block.h2.get_text(strip=True) == "Security"
    assert len(page.find_all("h1")) == 1


def test_front_page_lead_can_be_chosen_by_editors(client, home, section):
    chosen = make_story(section, "Chosen lead", published_at=days_ago(3))
    make_story(section, "Newer story", published_at=days_ago(1))
    home.lead_story = chosen
    home.save_revision().publish()
    page = soup(client.get("/en/"))
    assert page.select_one(".lead .teaser__headline a").get_text() == "Chosen lead"


def test_front_page_skips_a_chosen_lead_that_was_unpublished(client, home, section):
    chosen = make_story(section, "Withdrawn lead")
    make_story(section, "Newest story")
    home.lead_story = chosen
    home.save_revision().publish()
    chosen.unpublish()
    page = soup(client.get("/en/"))
    assert page.select_one(".lead .teaser__headline a").get_text() == "Newest story"
    assert "Withdrawn lead" not in page.get_text()


def test_section_page_lists_only_its_published_stories_newest_first(client, home, section):
    other = make_section(home, "Economy")
    make_story(other, "Elsewhere")
    make_story(section, "Draft", publish=False)
    first = make_story(section, "First", published_at=days_ago(2))
    second = make_story(section, "Second", published_at=days_ago(1))
    page = soup(client.get(section.url))
    assert page.h1.get_text() == "Security"
    assert "Conflict, policing and defence." in page.select_one(".listing-description").get_text()
    headlines = [a.get_text() for a in page.select(".story-list .teaser__headline a")]
    assert headlines == [second.headline, first.headline]


@pytest.fixture
def thirteen_stories(section, settings):
    settings.NEWSDESK_STORIES_PER_PAGE = 12
    return [make_story(section, f"Story {i}", published_at=days_ago(i)) for i in range(13)]


def test_section_pages_paginate(client, section, thirteen_stories):
    second = soup(client.get(section.url + "?page=2"))
    assert [a.get_text() for a in second.select(".story-list .teaser__headline a")] == ["Story 12"]
    assert second.select_one(".pagination a[rel=prev]")["href"] == "?page=1"


@pytest.mark.parametrize("page", ["abc", "99999", "0", "-1", "1.5", "%00"])
def test_impossible_page_numbers_answer_404_not_500(client, section, thirteen_stories, page):
    assert client.get(section.url, {"page": page}).status_code == 404


@pytest.mark.parametrize("page", ["abc", "99999"])
def test_author_and_tag_pages_answer_404_for_impossible_pages(client, section, page):
    author = AuthorFactory()
    make_story(section, byline=[author], tags=["Syria"])
    assert client.get(author.get_absolute_url(), {"page": page}).status_code == 404
    assert client.get("/en/tags/syria/", {"page": page}).status_code == 404


def test_author_page_shows_profile_and_their_stories(client, section):
    author = AuthorFactory(name="Anna Petrova", bio="Covers security.")
    mine = make_story(section, "Mine", byline=[author])
    make_story(section, "Not mine", byline=[AuthorFactory()])
    page = soup(client.get(author.get_absolute_url()))
    assert page.h1.get_text() == "Anna Petrova"
    assert "Covers security." in page.get_text()
    assert [a.get_text() for a in page.select(".story-list .teaser__headline a")] == [mine.headline]


def test_tag_page_lists_tagged_stories(client, section):
    tagged = make_story(section, "Tagged", tags=["Idlib"])
    make_story(section, "Untagged")
    page = soup(client.get("/en/tags/idlib/"))
    assert [a.get_text() for a in page.select(".story-list .teaser__headline a")] == [
        tagged.headline
    ]
    assert client.get("/en/tags/no-such-tag/").status_code == 404


def test_navigation_lists_sections_in_tree_order(client, home, section):
    make_section(home, "Politics")
    page = soup(client.get("/en/"))
    assert [a.get_text() for a in page.select(".site-nav a")] == ["Security", "Politics"]


def test_section_page_counts_its_stories_without_the_editions_join(client, thirteen_stories):
    """A section is in one edition: its page counts the section's stories alone, which
    PostgreSQL reads from the partial index of published stories per section (with the join to
    the edition it read 230,000 stories from the table, 2-4 s, at a million stories)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    section = thirteen_stories[0].section
    with CaptureQueriesContext(connection) as captured:
        assert client.get(section.url + "?page=2").status_code == 200
    counts = [q["sql"] for q in captured.captured_queries if "COUNT(" in q["sql"].upper()]
    assert counts
    assert all("wagtailcore_locale" not in sql for sql in counts)
