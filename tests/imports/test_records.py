"""Finding what an item of an outside archive became: the archive name and the story."""

import pytest

from newsdesk.imports.models import ImportedItem
from newsdesk.imports.records import imported_story, wordpress_archive
from tests.common.db.articles import make_story


@pytest.mark.parametrize(
    ("base_site_url", "archive"),
    [
        ("http://gazette.example", "gazette.example"),
        ("https://Gazette.Example/", "gazette.example"),
        ("https://example.org/news/", "example.org/news"),
        ("gazette.example", "gazette.example"),
    ],
)
def test_the_archive_name_ignores_scheme_case_and_trailing_slash(base_site_url, archive):
    assert wordpress_archive(base_site_url) == archive


def test_imported_story_finds_the_post_of_this_archive_only(section):
    story = make_story(section)
    ImportedItem.objects.create(
        source="wordpress", archive="gazette.example", kind="post", external_id="11", story=story
    )
    assert imported_story("wordpress", "gazette.example", "11") == story
    assert imported_story("wordpress", "other.example", "11") is None
    assert imported_story("wordpress", "gazette.example", "12") is None


def test_a_deleted_story_is_not_found(section):
    story = make_story(section)
    ImportedItem.objects.create(
        source="wordpress", archive="gazette.example", kind="post", external_id="11", story=story
    )
    story.delete()
    assert imported_story("wordpress", "gazette.example", "11") is None
