"""Every reader page in every edition costs a fixed number of queries (pinned)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from tests.common.db.articles import make_story, translate_story
from tests.common.db.bylines import AuthorFactory

pytestmark = pytest.mark.django_db

# Pinned per kind of page and edition. The story page with its fragments kept is still one
# query: its translations (the switcher, hreflang) are a kept fragment too. Wagtail's pages cost
# one more outside the default edition: Wagtail looks up the edition's translation of the site's
# root page. Each page of the page tree reads its own translations (one query).
QUERIES = {
    "story": {"en": 1, "ru": 1, "ar": 1},
    "front": {"en": 12, "ru": 13, "ar": 13},
    "section": {"en": 11, "ru": 12, "ar": 12},
    "author": {"en": 5, "ru": 5, "ar": 5},
    "tag": {"en": 4, "ru": 4, "ar": 4},
    "search": {"en": 6, "ru": 6, "ar": 6},
}
#: A word of each edition's headline, in another form than the headline's where it has one.
SEARCH = {"en": "hold", "ru": "перемирия", "ar": "صامد"}


def queries_for(client, url: str) -> int:
    client.get(url)  # warm-up: renditions, navigation, fragments
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured)


@pytest.fixture
def pages(editions):
    author = AuthorFactory(name="Nadia Rahimova", slug="nadia")
    urls = {}
    source = make_story(editions["en"][1], "Ceasefire holds", byline=[author], tags=["border"])
    for language in ("ru", "ar"):
        locale = Locale.objects.get(language_code=language)
        translated_author = author.copy_for_translation(locale)
        translated_author.save()
    versions = {
        "en": source,
        "ru": translate_story(source, "ru", headline="Перемирие соблюдается"),
        "ar": translate_story(source, "ar", headline="وقف إطلاق النار صامد"),
    }
    for language, story in versions.items():
        story.tags.add("border")
        story.save_revision().publish()
        _front, section = editions[language]
        entry = story.byline_entries.first()
        urls[language] = {
            "story": story.get_absolute_url(),
            "front": f"/{language}/",
            "section": section.url,
            "author": entry.author.get_absolute_url(),
            "tag": f"/{language}/tags/border/",
            "search": f"/{language}/search/?q={SEARCH[language]}",
        }
    return urls


@pytest.mark.parametrize("language", ["en", "ru", "ar"])
@pytest.mark.parametrize("kind", sorted(QUERIES))
def test_reader_page_queries_are_pinned_in_every_edition(client, pages, language, kind):
    assert queries_for(client, pages[language][kind]) == QUERIES[kind][language]
