"""Autodiscovery: every page with a feed links to it in RSS, Atom and JSON Feed."""

import pytest
from bs4 import BeautifulSoup

from tests.common.db.articles import days_ago, make_story
from tests.common.db.bylines import AuthorFactory

pytestmark = pytest.mark.django_db

TYPES = ["application/rss+xml", "application/atom+xml", "application/feed+json"]


def feed_links(client, address: str) -> list[tuple[str, str, str]]:
    response = client.get(address)
    assert response.status_code == 200
    head = BeautifulSoup(response.content, "html.parser").head
    return [
        (link["type"], link["title"], link["href"])
        for link in head.find_all("link", rel="alternate")
        if link.get("type") in TYPES
    ]


def test_every_page_with_a_feed_links_to_it_in_each_format(client, section):
    author = AuthorFactory(name="Anna Petrova", slug="anna-petrova")
    story = make_story(
        section,
        "Border talks",
        byline=[author],
        tags=["Borders"],
        corrections=[("correction", "A fix.", days_ago(0))],
    )
    pages = {
        "/en/": ("/en/feeds/latest/", "The Test Courier"),
        section.url: ("/en/feeds/sections/security/", "Security | The Test Courier"),
        "/en/authors/anna-petrova/": (
            "/en/feeds/authors/anna-petrova/",
            "Anna Petrova | The Test Courier",
        ),
        "/en/tags/borders/": (
            "/en/feeds/tags/borders/",
            "Stories tagged Borders | The Test Courier",
        ),
        story.get_absolute_url(): (
            f"/en/feeds/comments/{story.pk}/",
            "Comments on “Border talks” | The Test Courier",
        ),
        "/en/corrections/": ("/en/feeds/corrections/", "Corrections | The Test Courier"),
    }
    for page, (feed, title) in pages.items():
        links = feed_links(client, page)
        own = links[:3]
        assert own == [
            (TYPES[0], f"{title} (RSS)", feed),
            (TYPES[1], f"{title} (Atom)", f"{feed}atom/"),
            (TYPES[2], f"{title} (JSON Feed)", f"{feed}json/"),
        ], page
        # Every page also names the edition's own feeds.
        assert ("application/rss+xml", "The Test Courier (RSS)", "/en/feeds/latest/") in links
        for _type, _title, href in links:
            assert client.get(href).status_code == 200, href


def test_a_title_with_markup_is_escaped_once(client, home):
    from tests.common.db.sections import make_section

    section = make_section(home, "Law & Order")
    (rss, *_rest) = feed_links(client, section.url)
    assert rss[1] == "Law & Order | The Test Courier (RSS)"
