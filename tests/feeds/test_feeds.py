"""Story feeds (the edition, each section, author and tag, the corrections) in RSS, Atom and JSON
Feed: readable by feed software, carrying every field of a story, cached and purged."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsdesk.articles.models import Article, Correction
from tests.common.db.articles import days_ago, make_story, paragraph
from tests.common.db.bylines import AgencyFactory, AuthorFactory
from tests.common.db.photos import PhotoFactory
from tests.common.db.sections import make_section
from tests.feeds.conftest import ATOM, MEDIA, read_feed, read_json_feed, xml_of

pytestmark = pytest.mark.django_db

#: Each story feed's address, for the full story's section, author and tag.
STORY_FEEDS = [
    "/en/feeds/latest/",
    "/en/feeds/sections/security/",
    "/en/feeds/authors/anna-petrova/",
    "/en/feeds/tags/borders/",
]
FORMATS = ["", "atom/", "json/"]


def text_of(value: str) -> str:
    """What a reader that renders the field as HTML shows."""
    return BeautifulSoup(value, "html.parser").get_text()


def test_latest_feed_lists_published_stories_newest_first(client, section):
    make_story(section, "Older", published_at=days_ago(2), standfirst="Older standfirst.")
    make_story(section, "Newer", published_at=days_ago(1))
    make_story(section, "Draft", publish=False)
    feed = read_feed(client.get("/en/feeds/latest/"))
    assert [entry.title for entry in feed.entries] == ["Newer", "Older"]
    assert feed.entries[1].summary == "Older standfirst."
    assert feed.entries[0].link.endswith("/newer/")


@pytest.mark.parametrize("address", STORY_FEEDS)
@pytest.mark.parametrize("kind", ["", "atom/"])
def test_rss_and_atom_feeds_carry_every_field_of_a_story(client, full_story, address, kind):
    """Title, link, guid, dates, each credited name, section and tags, standfirst, lead photo."""
    response = client.get(address + kind)
    feed = read_feed(response)
    assert feed.version == ("rss20" if not kind else "atom10")
    assert feed.feed.title.endswith("| The Test Courier") or feed.feed.title == "The Test Courier"
    (entry,) = feed.entries
    assert entry.title == "Border talks resume"
    assert entry.link == f"http://testserver{full_story.get_absolute_url()}"
    assert entry.id == f"newsdesk:story:{full_story.pk}"
    assert entry.summary == "Ministers meet again after a month."
    assert entry.published_parsed[:5] == full_story.first_published_at.utctimetuple()[:5]
    assert [author["name"] for author in entry.authors] == ["Anna Petrova", "AFP"]
    assert [tag.term for tag in entry.tags] == ["Security", "Borders", "Diplomacy"]
    photo = full_story.lead_photo
    (media,) = entry.media_content
    assert media["medium"] == "image" and media["type"] == "image/jpeg"
    assert media["url"].startswith("http://testserver/media/") and media["width"] == "640"
    # Media RSS's words for the photo, read from the XML (feedparser folds them into others).
    item = xml_of(response).find(".//item" if not kind else f".//{ATOM}entry")
    content = item.find(f"{MEDIA}content")
    assert content.findtext(f"{MEDIA}description") == photo.caption
    assert content.findtext(f"{MEDIA}credit") == photo.credit
    assert content.findtext(f"{MEDIA}title") == photo.alt_text
    enclosures = [link for link in entry.links if link.rel == "enclosure"]
    assert [link.href for link in enclosures] == [media["url"]]
    # Full text is off by default (feedparser reads the photo's caption as a text content).
    assert [content.type for content in entry.get("content", [])] in ([], ["text/plain"])


def test_atom_entries_have_the_required_id_title_updated_and_author(client, section):
    """RFC 4287: every entry has id, title and updated, and an author (its own or the feed's)."""
    make_story(section, "No byline")
    feed = read_feed(client.get("/en/feeds/latest/atom/"))
    assert feed.feed.id and feed.feed.title and feed.feed.updated
    assert feed.feed.author == "The Test Courier"
    (entry,) = feed.entries
    assert entry.id and entry.title and entry.updated


def test_rss_items_have_a_guid_and_a_publication_date(client, full_story):
    item = xml_of(client.get("/en/feeds/latest/")).find("./channel/item")
    assert item.find("guid").text == f"newsdesk:story:{full_story.pk}"
    assert item.find("guid").get("isPermaLink") == "false"
    assert item.findtext("pubDate")
    assert item.find("enclosure").get("length").isdigit()


def test_a_story_from_an_old_site_keeps_its_feed_guid(client, section):
    """Feed readers that had the old site's items do not see the archive as new."""
    make_story(section, feed_guid="http://gazette.example/?p=11")
    assert xml_of(client.get("/en/feeds/latest/")).findtext("./channel/item/guid") == (
        "http://gazette.example/?p=11"
    )
    assert xml_of(client.get("/en/feeds/latest/atom/")).findtext(f"./{ATOM}entry/{ATOM}id") == (
        "http://gazette.example/?p=11"
    )


def test_atom_entry_is_updated_when_the_story_is(client, full_story):
    (entry,) = read_feed(client.get("/en/feeds/latest/atom/")).entries
    updated = datetime.datetime(*entry.updated_parsed[:6], tzinfo=datetime.UTC)
    assert abs(updated - full_story.updated_at) < datetime.timedelta(seconds=1)


@pytest.mark.parametrize("address", STORY_FEEDS)
def test_json_feed_carries_every_field_of_a_story(client, full_story, address):
    feed = read_json_feed(client.get(address + "json/"))
    assert feed["language"] == "en"
    assert feed["title"].endswith("The Test Courier")
    (item,) = feed["items"]
    assert item["id"] == f"newsdesk:story:{full_story.pk}"
    assert item["title"] == "Border talks resume"
    assert item["url"] == f"http://testserver{full_story.get_absolute_url()}"
    assert item["summary"] == item["content_text"] == "Ministers meet again after a month."
    published = datetime.datetime.fromisoformat(item["date_published"])
    assert published == full_story.first_published_at
    assert datetime.datetime.fromisoformat(item["date_modified"]) == full_story.updated_at
    assert item["authors"] == [
        {"name": "Anna Petrova", "url": "http://testserver/en/authors/anna-petrova/"},
        {"name": "AFP"},
    ]
    assert item["tags"] == ["Security", "Borders", "Diplomacy"]
    assert item["image"].startswith("http://testserver/media/")
    photo = full_story.lead_photo
    assert item["_photo"]["caption"] == photo.caption
    assert item["_photo"]["credit"] == photo.credit
    assert item["_photo"]["alt_text"] == photo.alt_text


def test_an_agency_is_credited_with_its_website(client, section):
    make_story(section, byline=[AgencyFactory(short_name="AP", url="https://apnews.com/")])
    (item,) = read_json_feed(client.get("/en/feeds/latest/json/"))["items"]
    assert item["authors"] == [{"name": "AP", "url": "https://apnews.com/"}]


@pytest.mark.parametrize("kind", FORMATS)
def test_feed_titles_carry_the_sites_name(client, full_story, kind):
    """The name the site's pages show (the Wagtail site's), not "Newsdesk"."""
    titles = []
    for address in STORY_FEEDS:
        response = client.get(address + kind)
        if kind == "json/":
            titles.append(read_json_feed(response)["title"])
        else:
            titles.append(read_feed(response).feed.title)
    assert titles == [
        "The Test Courier",
        "Security | The Test Courier",
        "Anna Petrova | The Test Courier",
        "Stories tagged Borders | The Test Courier",
    ]


HOSTILE = "Tom & Jerry: <b>bold</b> claims &amp; a <script>x</script>"


@pytest.mark.parametrize("kind", ["", "atom/"])
def test_a_standfirst_and_headline_with_markup_reach_readers_as_text(client, section, kind):
    """A reader that renders the summary as HTML shows the characters written, no markup."""
    make_story(section, HOSTILE, standfirst=HOSTILE)
    (entry,) = read_feed(client.get("/en/feeds/latest/" + kind)).entries
    assert text_of(entry.summary) == HOSTILE
    title = text_of(entry.title) if entry.title_detail.type == "text/html" else entry.title
    assert title == HOSTILE


def test_an_ampersand_in_a_plain_headline_is_not_escaped_twice(client, section):
    """Readers that show RSS titles as text see "Tom & Jerry", not "Tom &amp; Jerry"."""
    make_story(section, "Tom & Jerry meet")
    item = xml_of(client.get("/en/feeds/latest/")).find("./channel/item")
    assert item.findtext("title") == "Tom & Jerry meet"


def test_json_feed_keeps_plain_text_plain(client, section):
    make_story(section, HOSTILE, standfirst=HOSTILE)
    (item,) = read_json_feed(client.get("/en/feeds/latest/json/"))["items"]
    assert item["title"] == item["summary"] == HOSTILE


def test_a_section_description_with_markup_reaches_readers_as_text(client, home):
    section = make_section(home, "Economy", description="Prices <i>and</i> wages & more")
    make_story(section)
    feed = read_feed(client.get("/en/feeds/sections/economy/"))
    assert text_of(feed.feed.description) == "Prices <i>and</i> wages & more"


@pytest.mark.parametrize("kind", FORMATS)
def test_full_text_is_sent_when_the_site_chooses_it(client, section, settings, kind):
    """`NEWSDESK_FEED_FULL_TEXT`: the body as sanitised HTML with absolute addresses."""
    settings.NEWSDESK_FEED_FULL_TEXT = True
    make_story(
        section,
        body=[paragraph('Read <a href="/en/security/">more</a> here.')],
        dateline="ANKARA",
    )
    response = client.get("/en/feeds/latest/" + kind)
    if kind == "json/":
        (item,) = read_json_feed(response)["items"]
        body = item["content_html"]
    else:
        (entry,) = read_feed(response).entries
        body = entry.content[0].value
    soup = BeautifulSoup(body, "html.parser")
    assert soup.find("a")["href"] == "http://testserver/en/security/"
    assert soup.get_text().startswith("ANKARA --")
    assert not soup.find(attrs={"class": True})


def test_full_text_drops_what_a_feed_reader_should_not_run(section):
    from newsdesk.feeds.full_text import feed_html

    cleaned = feed_html(
        '<p onclick="x()">Hi</p><script>alert(1)</script><iframe src="https://x"></iframe>'
        '<picture><source srcset="/a.webp"><img src="/a.jpg" alt="A" loading="lazy"></picture>',
        "https://news.example/",
    )
    soup = BeautifulSoup(cleaned, "html.parser")
    assert [tag.name for tag in soup.find_all(True)] == ["p", "img"]
    assert soup.img.attrs == {"src": "https://news.example/a.jpg", "alt": "A"}
    assert "alert" not in cleaned


@pytest.mark.parametrize(
    "address",
    ["/en/feeds/sections/nowhere/", "/en/feeds/authors/nobody/", "/en/feeds/tags/nothing/"],
)
@pytest.mark.parametrize("kind", FORMATS)
def test_unknown_section_author_or_tag_is_404(client, home, address, kind):
    assert client.get(address + kind).status_code == 404


def test_each_list_feed_lists_only_its_stories(client, home, section):
    anna, boris = AuthorFactory(slug="anna"), AuthorFactory(slug="boris")
    make_story(section, "Annas", byline=[anna], tags=["Borders"])
    make_story(make_section(home, "Economy"), "Boriss", byline=[boris], tags=["Prices"])
    make_story(section, "Draft", byline=[anna], tags=["Borders"], publish=False)

    def titles(address):
        return [item["title"] for item in read_json_feed(client.get(address))["items"]]

    assert titles("/en/feeds/sections/security/json/") == ["Annas"]
    assert titles("/en/feeds/authors/anna/json/") == ["Annas"]
    assert titles("/en/feeds/tags/borders/json/") == ["Annas"]
    assert titles("/en/feeds/tags/prices/json/") == ["Boriss"]


def test_feeds_are_per_edition(client, home, section):
    from tests.common.db.articles import translate_story
    from tests.common.db.sections import make_edition, translate_section

    make_edition(home, "ru")
    translate_section(section, "ru", "Безопасность")
    story = make_story(section, "In English", tags=["Borders"])
    translate_story(story, "ru", headline="По-русски")
    feed = read_json_feed(client.get("/ru/feeds/tags/borders/json/"))
    assert feed["language"] == "ru"
    assert [item["title"] for item in feed["items"]] == ["По-русски"]
    # An author's feed is their edition's: the English profile has no Russian feed.
    AuthorFactory(slug="anna")
    assert client.get("/ru/feeds/authors/anna/").status_code == 404


def stories_with_everything(section, count: int, start: int = 0):
    for i in range(start, start + count):
        make_story(
            section,
            f"Story {i}",
            byline=[AuthorFactory(slug=f"a-{i}"), AuthorFactory(), AgencyFactory()],
            lead_photo=PhotoFactory(),
            tags=["Borders", f"tag-{i}", f"other-{i}"],
            standfirst="Standfirst.",
        )


def queries_for(client, address: str) -> int:
    client.get(address)  # warm-up: renditions are made once, the navigation is cached
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
    assert response.status_code == 200
    return len(captured)


# Pinned: the stories (with section, photo and edition joined), their byline entries, tags and
# renditions; the feed's section, author or tag (and Wagtail's site for a section's address); the
# corrections feed's notices. The site's name comes from the navigation, cached as for every page
# (five queries when it is not).
FEED_QUERIES = {
    "/en/feeds/latest/": 4,
    "/en/feeds/sections/security/": 6,
    "/en/feeds/authors/a-0/": 5,
    "/en/feeds/tags/borders/": 5,
    "/en/feeds/corrections/": 5,
}


@pytest.mark.parametrize("address", sorted(FEED_QUERIES))
@pytest.mark.parametrize("kind", FORMATS)
def test_feed_queries_do_not_grow_with_its_items(client, section, address, kind):
    stories_with_everything(section, 2)
    for story in Article.objects.all():
        Correction.objects.create(article=story, text="A fix.")
    assert queries_for(client, address + kind) == FEED_QUERIES[address]
    stories_with_everything(section, 4, start=2)
    for story in Article.objects.filter(corrections__isnull=True):
        Correction.objects.create(article=story, text="A fix.")
    assert queries_for(client, address + kind) == FEED_QUERIES[address]


def test_feeds_carry_the_keys_of_what_they_list(client, full_story):
    """`feed` (any story change), the list's own key, and each story's, tag label's and photo's."""
    response = client.get("/en/feeds/tags/borders/atom/")
    keys = set(response["xkey"].split())
    tags = {tag.slug: tag.pk for tag in full_story.tags.all()}
    assert {
        "feed",
        f"tag-{tags['borders']}",
        f"story-{full_story.pk}",
        f"photo-{full_story.lead_photo_id}",
        *(f"tag-{pk}-label" for pk in tags.values()),
    } <= keys
    section_keys = set(client.get("/en/feeds/sections/security/json/")["xkey"].split())
    assert f"section-{full_story.section_id}" in section_keys
    author = full_story.byline_entries.first().author
    author_keys = set(client.get("/en/feeds/authors/anna-petrova/")["xkey"].split())
    assert f"author-{author.pk}" in author_keys


def test_publishing_a_story_purges_the_feeds_that_list_it(
    client, full_story, purges, django_capture_on_commit_callbacks
):
    """A story change purges `feed`, and the section, author and tag keys its feeds carry."""
    purges.purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        full_story.headline = "Border talks end"
        full_story.save_revision().publish()
    purged = purges.purged_keys()
    for address in STORY_FEEDS:
        carried = set(client.get(address)["xkey"].split())
        assert "feed" in carried and "feed" in purged
        own = {key for key in carried if key.startswith(("section-", "author-", "tag-"))}
        own = {key for key in own if not key.endswith("-label")}
        assert own <= purged


def test_feed_and_page_show_html_entities_the_same(client, section):
    """An entity-looking standfirst ("&amp;") is text, shown as typed, not as "&"."""
    make_story(section, standfirst="R&amp;D spending")
    (entry,) = read_feed(client.get("/en/feeds/latest/")).entries
    assert text_of(entry.summary) == "R&amp;D spending"
