"""The admin loads the stylesheet that lets text fields take the direction of their text."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from tests.common.db.articles import make_story

pytestmark = pytest.mark.django_db

STYLESHEET = "localisation/admin_text_direction.css"


def test_the_story_editor_loads_the_text_direction_stylesheet(admin_client, section):
    story = make_story(section)
    response = admin_client.get(reverse("wagtailsnippets_articles_article:edit", args=[story.pk]))
    assert response.status_code == 200
    links = BeautifulSoup(response.content, "html.parser").select("link[rel=stylesheet]")
    assert any(STYLESHEET in link["href"] for link in links)


def test_reader_pages_do_not_load_it(client, section):
    story = make_story(section)
    assert STYLESHEET.encode() not in client.get(story.get_absolute_url()).content
