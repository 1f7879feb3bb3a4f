"""Importing a WordPress export's posts: stories, photos, authors, redirects, and doing it again."""

from datetime import UTC, datetime
from pathlib import Path

import pytest
from wagtail.contrib.redirects.models import Redirect

from newsdesk.articles.models import Article, DiscussionMode
from newsdesk.bylines.models import Author
from newsdesk.imports import wxr
from newsdesk.imports.media import media_fetch
from newsdesk.imports.models import ImportedItem
from newsdesk.imports.records import imported_story
from newsdesk.imports.wordpress import Options, WordPressImport, parse_section_map
from newsdesk.photos.models import Photo
from tests.common.db.articles import make_embed
from tests.imports.conftest import FIXTURES

CLASSIC = FIXTURES / "classic-1.1.xml"
BLOCKS = FIXTURES / "block-editor-1.2.xml"
ARCHIVE = "gazette.example"


def run(path: Path = CLASSIC, **options):
    options.setdefault("edition", "en")
    options.setdefault("sections", {"politics": "politics"})
    options.setdefault("default_section", "news")
    options.setdefault("fetch", media_fetch(str(FIXTURES / "uploads")))
    return WordPressImport(path, Options(**options)).run()


def story_of(post_id: str) -> Article:
    return imported_story("wordpress", ARCHIVE, post_id)


@pytest.fixture
def imported(news, politics):
    return run()


def test_a_published_post_becomes_a_published_story_with_its_date_and_fields(imported, politics):
    """Headline, standfirst, section from the mapped category, date, comments closed, guid."""
    story = story_of("11")
    assert story.live
    assert story.headline == "Council votes to rebuild the harbour wall"
    assert story.standfirst == "The £2m works start in September."
    assert story.section.specific == politics
    assert story.first_published_at == datetime(2023, 5, 2, 9, 30, tzinfo=UTC)
    assert story.slug == "council-votes-harbour-wall"
    assert story.discussion_mode == DiscussionMode.CLOSED
    assert story.feed_guid == "http://gazette.example/?p=11"
    # The other category is not mapped: with the default choice it becomes a tag.
    assert sorted(story.tags.names()) == ["Harbour life", "council"]


def test_the_classic_body_becomes_our_blocks(imported):
    """Paragraphs, the [caption] photo, heading, list, quote and embed, each as its block."""
    story = story_of("11")
    photo = Photo.objects.get()
    blocks = [(block.block_type, block.value) for block in story.body]
    assert [kind for kind, _ in blocks] == [
        "paragraph",
        "photo",
        "subheading",
        "paragraph",
        "quote",
        "embed",
        "paragraph",
    ]
    assert blocks[0][1].source == (
        "<p>The council voted on Monday to rebuild the harbour wall.<br/>"
        "It will cost <b>£2m</b>.</p>"
    )
    assert blocks[1][1]["photo"].pk == photo.pk
    assert blocks[1][1]["caption"] == "Boats in the harbour, May 2023."
    assert blocks[2][1] == "What happens next"
    assert (
        blocks[3][1].source
        == "<ul><li>Surveys in June</li><li>Works from <i>September</i></li></ul>"
    )
    assert blocks[4][1]["quote"] == "We have waited twenty years for this."
    assert blocks[5][1].url == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    # The script is gone with its text; the handler and the javascript: link too.
    assert blocks[6][1].source == (
        '<p>Reporting by <a>Maria</a> and <a href="http://gazette.example/about/">the desk</a>.</p>'
    )


def test_the_attachment_becomes_a_photo_and_the_featured_image_the_lead_photo(imported):
    photo = Photo.objects.get()
    assert photo.title == "The harbour at dawn"
    assert photo.alt_text == "Three fishing boats in grey light"
    assert photo.caption == "Fishing boats leave the harbour at dawn."
    assert photo.credit == "Ann Harbor"
    assert (photo.width, photo.height) == (40, 30)
    assert story_of("11").lead_photo == photo
    assert imported.total("photo", "added") == 1


def test_authors_are_created_once_and_remembered(imported):
    story = story_of("11")
    author = story.byline_entries.get().author
    assert author.name == "Maria Stone"
    assert author.slug == "maria-stone"
    assert ImportedItem.objects.get(kind="author", external_id="mstone").author == author
    assert sorted(Author.objects.values_list("name", flat=True)) == ["Jon Doe", "Maria Stone"]


def test_an_existing_author_of_the_same_name_is_matched(news, politics):
    existing = Author.objects.create(name="Maria Stone", slug="maria")
    report = run()
    assert story_of("11").byline_entries.get().author == existing
    assert report.total("author", "matched") == 1


def test_statuses_scheduled_draft_private_trash(imported):
    scheduled = story_of("14")
    assert not scheduled.live
    assert scheduled.go_live_at == datetime(2099, 7, 1, 8, 0, tzinfo=UTC)
    assert scheduled.approved_schedule
    draft = story_of("15")
    assert not draft.live and draft.go_live_at is None and draft.first_published_at is None
    assert draft.headline == "Notes for the lighthouse story"
    assert story_of("13") is None
    assert story_of("17") is None
    assert "post 13 'Staff salaries': a private post" in imported.table()
    assert "post 17 'Old news in the bin': in the trash" in imported.table()


def test_a_malformed_item_is_reported_and_skipped_and_the_rest_imported(imported):
    assert story_of("16") is None
    assert "post 16 'A post with no date': MalformedItem: no readable date" in imported.table()
    assert Article.objects.count() == 3


def test_old_addresses_answer_301_to_the_story(imported, client, settings):
    """The permalink and the ?p= form, through the edition middleware and the page cache."""
    settings.NEWSDESK_PAGE_CACHE = True
    story = story_of("11")
    target = story.get_absolute_url()
    assert target.startswith("/en/politics/2023/05/02/council-votes-harbour-wall/")
    for _twice in range(2):
        for old in ("/2023/05/02/council-votes-harbour-wall/", "/?p=11"):
            response = client.get(old)
            assert response.status_code == 301, old
            assert response["Location"] == target
    make_embed("https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    page = client.get(target)
    assert page.status_code == 200
    assert "Council votes to rebuild the harbour wall" in page.content.decode()


def test_only_published_posts_get_redirects(imported):
    assert set(Redirect.objects.values_list("old_path", flat=True)) == {
        "/2023/05/02/council-votes-harbour-wall",
        "/?p=11",
    }


def test_the_front_page_without_an_old_address_still_chooses_an_edition(imported, client):
    assert client.get("/?p=999")["Location"] == "/en/?p=999"


def test_a_second_run_changes_nothing(imported):
    revisions = {s.pk: s.latest_revision_id for s in Article.objects.all()}
    again = run()
    assert again.total("post", "unchanged") == 3
    assert again.total("photo", "unchanged") == 1
    assert again.total("post", "added") == again.total("post", "updated") == 0
    assert again.total("redirect") == 0
    assert {s.pk: s.latest_revision_id for s in Article.objects.all()} == revisions
    assert Photo.objects.count() == 1


def test_a_newer_export_updates_and_republishes(imported, tmp_path):
    newer = tmp_path / "newer.xml"
    newer.write_text(
        CLASSIC.read_text().replace("Council votes to rebuild", "Council agrees to rebuild")
    )
    story = story_of("11")
    revisions = story.revisions.count()
    report = run(newer)
    story.refresh_from_db()
    assert report.total("post", "updated") == 1
    assert report.total("post", "unchanged") == 2
    assert story.headline == "Council agrees to rebuild the harbour wall"
    assert story.live and story.live_revision == story.latest_revision
    assert story.revisions.count() == revisions + 1
    assert story.first_published_at == datetime(2023, 5, 2, 9, 30, tzinfo=UTC)
    assert story.slug == "council-votes-harbour-wall"  # the address stays


def test_a_story_edited_here_is_not_overwritten(imported, tmp_path):
    story = story_of("11")
    story.headline = "Harbour wall: council says yes"
    story.save_revision().publish()
    newer = tmp_path / "newer.xml"
    newer.write_text(CLASSIC.read_text().replace("£2m", "£3m"))
    report = run(newer)
    story.refresh_from_db()
    assert story.headline == "Harbour wall: council says yes"
    assert "edited here since imported; kept ours" in report.table()


def test_a_block_editor_post_finds_the_photo_of_another_file_of_the_same_site(imported):
    """The 1.2 export (https, another permalink) shares the archive: its image is the photo."""
    report = run(BLOCKS)
    story = story_of("12")
    assert report.total("post", "added") == 1
    blocks = [(block.block_type, block.value) for block in story.body]
    assert [kind for kind, _ in blocks] == [
        "paragraph",
        "subheading",
        "photo",
        "quote",
        "embed",
        "paragraph",
    ]
    assert blocks[0][1].source == (
        '<p>The summer timetable starts on <a href="https://ferry.example/">1 June</a>.</p>'
    )
    assert blocks[2][1]["photo"] == Photo.objects.get()
    assert blocks[2][1]["caption"] == "The 7 o'clock ferry."
    assert blocks[3][1] == {"quote": "Book early in August.", "attribution": "The ferry company"}
    assert blocks[4][1].url == "https://vimeo.com/76979871"
    assert blocks[5][1].source == "<p>Mon07:00</p>"
    assert story.byline_entries.get().author.name == "Jon Doe"
    assert Author.objects.filter(name="Jon Doe").count() == 1
    assert Redirect.objects.filter(old_path="/harbour-life/ferry-timetable").exists()


def test_without_media_attachments_are_reported_missing(news, politics):
    report = run(fetch=None)
    assert Photo.objects.count() == 0
    assert story_of("11").lead_photo is None
    assert "photo 10 'The harbour at dawn': missing: no --media or --media-base" in report.table()
    assert "1 image(s) not in the photo library" in report.table()
    # The caption is kept as words when its photo is not.
    assert "Boats in the harbour, May 2023." in story_of("11").body.render_as_block()


def test_categories_can_be_dropped_instead_of_tagged(news, politics):
    run(other_categories="section")
    assert list(story_of("11").tags.names()) == ["council"]


def test_an_unknown_section_is_a_clear_error(news):
    with pytest.raises(ValueError, match="No section 'politics' in the en edition"):
        run()


def test_a_section_map_is_read_from_pairs():
    assert parse_section_map(["politics=news", " sport = games "]) == {
        "politics": "news",
        "sport": "games",
    }
    with pytest.raises(ValueError, match="write CATEGORY=SECTION"):
        parse_section_map(["politics"])


def test_a_dry_run_rolls_itself_back_whoever_runs_it(news, politics):
    """Not only through the command: the import's own run stores nothing and counts all."""
    report = run(dry_run=True)
    assert report.total("post", "added") == 3
    assert report.total("redirect", "added") == 2
    assert not Article.objects.exists()
    assert not Author.objects.exists()
    assert not Redirect.objects.exists()
    assert not ImportedItem.objects.exists()


def test_photo_look_ups_are_remembered_for_the_run_found_or_not(
    imported, django_assert_num_queries
):
    """An image shown in many posts costs one query, whether it is in the library or not."""
    photo = Photo.objects.get()
    again = WordPressImport(CLASSIC, Options(edition="en", default_section="news"))
    again.archive = ARCHIVE
    uploads = "http://gazette.example/wp-content/uploads/2023/05/"
    with django_assert_num_queries(4):
        for _ in range(3):
            assert again.photo_for("10", "") == photo.pk
            assert again.photo_for("", f"{uploads}harbour-640x480.jpg") == photo.pk
            assert again.photo_for("999", "") is None
            assert again.photo_for("", f"{uploads}not-here.jpg") is None


def test_each_item_is_read_whole_once_by_the_pass_that_imports_it(news, politics, monkeypatch):
    """The photos pass and the posts pass look at an item's type first."""
    from newsdesk.imports import wordpress

    read = []

    def read_item(element, namespace):
        item = wxr.read_item(element, namespace)
        read.append((item.post_type, item.post_id))
        return item

    monkeypatch.setattr(wordpress, "read_item", read_item)
    run()
    posts = [("post", n) for n in ("11", "13", "14", "15", "16", "17")]
    assert sorted(read) == [("attachment", "10"), *posts]


def test_a_posts_old_addresses_cost_two_queries_and_again_one(imported, django_assert_num_queries):
    """One to find the redirects already here, one to add the others, whatever their number."""
    story = story_of("11")
    target = story.get_absolute_url()  # the story's address, looked up before counting
    Redirect.objects.all().delete()
    importer = WordPressImport(CLASSIC, Options(edition="en", default_section="news"))
    post = wxr.ExportItem(post_id="11", link="http://gazette.example/2023/05/02/harbour/")
    with django_assert_num_queries(2):
        importer._redirects(post, story)
    with django_assert_num_queries(1):
        importer._redirects(post, story)
    assert sorted(Redirect.objects.values_list("old_path", "redirect_link")) == [
        ("/2023/05/02/harbour", target),
        ("/?p=11", target),
    ]
    assert importer.report.total("redirect", "added") == 2
    assert importer.report.total("redirect", "updated") == 0


def test_two_blogs_of_one_network_keep_their_posts_apart(imported, client, tmp_path):
    """Exports of a network's blogs share `base_site_url` and post ids: the blog's address
    (`base_blog_url`) tells them apart, and each blog's `?p=` address keeps its own story."""
    valley = tmp_path / "valley.xml"
    valley.write_text(
        CLASSIC.read_text()
        .replace(
            "<wp:base_blog_url>http://gazette.example</wp:base_blog_url>",
            "<wp:base_blog_url>http://gazette.example/valley</wp:base_blog_url>",
        )
        .replace("http://gazette.example/2023/", "http://gazette.example/valley/2023/")
        .replace("Council votes to rebuild", "Valley council votes to rebuild")
    )
    harbour = story_of("11")

    report = run(valley)

    assert report.total("post", "added") == imported.total("post", "added")
    assert report.total("post", "updated") == 0
    harbour.refresh_from_db()
    assert harbour.headline.startswith("Council votes to rebuild")
    other = imported_story("wordpress", "gazette.example/valley", "11")
    assert other.headline.startswith("Valley council votes to rebuild") and other.pk != harbour.pk
    for old, story in (("/?p=11", harbour), ("/valley/?p=11", other)):
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, story.get_absolute_url()), old
