"""The WordPress 6.4 theme test data (61 block-editor posts) imports, post by post."""

from datetime import UTC, datetime

import pytest
from wagtail.contrib.redirects.models import Redirect

from newsdesk.articles.models import Article
from newsdesk.bylines.models import Author
from newsdesk.imports.records import imported_story
from newsdesk.imports.wordpress import Options, WordPressImport
from tests.imports.conftest import SHARED_EXPORT

pytestmark = pytest.mark.skipif(not SHARED_EXPORT.is_file(), reason="shared test data absent")
# A wordpress.com blog: its wp:base_site_url is https://wordpress.com/, shared by every blog there.
ARCHIVE = "wpthemetestdata.wordpress.com"


@pytest.fixture
def report(news, home):
    from tests.common.db.sections import make_section

    make_section(home, "Media")
    options = Options(edition="en", sections={"media": "media"}, default_section="news")
    return WordPressImport(SHARED_EXPORT, options).run()


def blocks_of(post_id: str) -> list:
    return [(b.block_type, b.value) for b in imported_story("wordpress", ARCHIVE, post_id).body]


def test_every_post_becomes_a_published_story(report):
    assert report.total("post", "added") == 61
    assert report.total("post", "skipped") == 0
    assert Article.objects.filter(live=True).count() == 61
    # The page and the navigation menu are counted, not imported; no attachment file given.
    assert report.total("page", "not imported") == 1
    assert report.total("wp_navigation", "not imported") == 1
    assert report.total("photo", "skipped") == 9
    # Both of the export's authors are listed; only one wrote posts, and only he is made.
    assert list(Author.objects.values_list("name", flat=True)) == ["Theme Reviewer"]
    assert Redirect.objects.count() == 2 * 61


def test_the_list_post(report):
    story = imported_story("wordpress", ARCHIVE, "19")
    assert story.headline == "List"
    assert story.first_published_at == datetime(2024, 2, 5, 15, 59, 12, tzinfo=UTC)
    assert story.section.slug == "news"
    assert story.feed_guid == "https://wpthemetestdata.wordpress.com/list/"
    blocks = blocks_of("19")
    assert blocks[0] == ("subheading", "Unordered")
    assert blocks[1][0] == "paragraph"
    assert blocks[1][1].source == (
        "<ul><li>List item</li><li>List item</li><li>Nested list item</li>"
        "<li>Another nested list item</li><li>List item</li></ul>"
    )
    assert blocks[2][1].source.startswith("<ul><li><b>List item</b></li><li><i>List item</i></li>")
    assert blocks[3] == ("subheading", "Ordered")
    assert blocks[4][1].source.startswith("<ol><li>List item</li>")


def test_the_quote_and_classic_posts(report):
    quotes = blocks_of("23")
    assert quotes[0] == ("subheading", "Alignment")
    assert quotes[1] == (
        "quote",
        {"quote": "Quote, default (no alignment)", "attribution": "Citation"},
    )
    classic = blocks_of("76")
    assert [kind for kind, _ in classic[:8]] == ["subheading"] * 6 + ["paragraph", "quote"]
    assert classic[6][1].source == "<p><b>A paragraph inside a classic block.</b></p>"
    assert classic[7][1] == {"quote": "A quote inside a classic block", "attribution": ""}


def test_the_image_post_is_filed_by_its_category_and_keeps_its_captions(report):
    story = imported_story("wordpress", ARCHIVE, "80")
    assert story.section.slug == "media"
    assert sorted(story.tags.names()) == ["Border"]
    blocks = blocks_of("80")
    # The photos are not in the library (no --media): their captions stay as words.
    assert [kind for kind, _ in blocks[:3]] == ["subheading", "paragraph", "paragraph"]
    assert blocks[0][1] == "Alignment"
    assert blocks[1][1].source == "<p>Align left</p>"
    assert blocks[2][1].source.startswith("<p>") and blocks[2][1].source != "<p></p>"
    assert "image(s) not in the photo library" in report.table()


def test_old_addresses_of_the_export_answer_301(report, client):
    story = imported_story("wordpress", ARCHIVE, "16")
    for old in ("/paragraph/", "/?p=16"):
        response = client.get(old)
        assert response.status_code == 301
        assert response["Location"] == story.get_absolute_url()


def test_a_second_run_changes_nothing(report):
    again = WordPressImport(
        SHARED_EXPORT, Options(edition="en", sections={"media": "media"}, default_section="news")
    ).run()
    assert again.total("post", "unchanged") == 61
    assert again.total("post") == 61
    assert again.total("redirect") == 0
