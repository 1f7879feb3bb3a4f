"""The page editor loads the script that gives plain text fields dir="auto"."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from tests.common.db.articles import make_story

pytestmark = pytest.mark.django_db

SCRIPT = "localisation/editor_text_direction.js"


def test_the_story_editor_loads_the_text_direction_script(admin_client, section):
    story = make_story(section)
    response = admin_client.get(reverse("wagtailsnippets_articles_article:edit", args=[story.pk]))
    assert response.status_code == 200
    sources = [
        script.get("src", "")
        for script in BeautifulSoup(response.content, "html.parser").find_all("script")
    ]
    assert any(SCRIPT in source for source in sources)


def test_reader_pages_do_not_load_it(client, section):
    story = make_story(section)
    assert SCRIPT.encode() not in client.get(story.get_absolute_url()).content
