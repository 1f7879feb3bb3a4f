"""The schema.org documents feeds builds, and their escaping for a <script> element."""

import json

import pytest
from django.test import RequestFactory

from newsdesk.feeds import structured_data
from tests.common.db.articles import days_ago, make_story
from tests.common.db.bylines import AgencyFactory, AuthorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_():
    return RequestFactory().get("/en/")


@pytest.mark.parametrize(
    "text",
    ["</script><script>alert(1)</script>", "<!-- x", "a & b > c", "line\u2028break\u2029"],
)
def test_script_json_keeps_markup_out_and_the_data_intact(text):
    out = structured_data.script_json({"headline": text})
    for raw in ("<", ">", "&", "\u2028", "\u2029"):
        assert raw not in out
    assert json.loads(out) == {"headline": text}


def test_credits_are_people_with_pages_and_agencies(request_, section):
    story = make_story(section, byline=[AuthorFactory(slug="ayla"), AgencyFactory()])
    people = structured_data.credits(request_, story.byline_entries.all())
    assert people[0]["@type"] == "Person"
    assert people[0]["url"] == "http://testserver/en/authors/ayla/"
    assert people[1] == {"@type": "Organization", "name": "AFP news agency"}


def test_an_agency_with_a_website_names_it(request_):
    agency = AgencyFactory(short_name="RTR", name="Reuters", url="https://www.reuters.com/")
    assert structured_data.agency_organization(agency)["url"] == "https://www.reuters.com/"


def test_the_site_name_is_the_pages_else_the_setting(settings):
    settings.WAGTAIL_SITE_NAME = "Fallback Post"
    assert structured_data.site_name({"site_name": "The Courier"}) == "The Courier"
    assert structured_data.site_name({"site_name": ""}) == "Fallback Post"
    assert structured_data.site_name({}) == "Fallback Post"


def test_a_preview_has_no_structured_data(request_, section):
    story = make_story(section, publish=False)
    assert structured_data.page_documents(request_, {"is_preview": True, "article": story}) == []


def test_a_page_it_does_not_know_has_none(request_, section):
    assert structured_data.page_documents(request_, {"stories": []}) == []
    # A story named by a page that is not the story's own.
    story = make_story(section)
    assert structured_data.page_documents(request_, {"article": story}) == []


def test_a_photo_without_a_readable_file_gives_no_images(request_):
    from tests.common.db.photos import PhotoFactory

    photo = PhotoFactory()
    photo.file.storage.delete(photo.file.name)
    assert structured_data.lead_photo_images(request_, photo) == []
    assert structured_data.lead_photo_images(request_, None) == []


def test_a_news_article_and_a_live_blog_posting_say_the_same_of_their_story(request_, section):
    """Both documents of one story give it the same address, headline, standfirst, first
    publication and publisher (story_work), each under its own type."""
    from tests.common.db.live import make_coverage, make_editor

    coverage = make_coverage(section, editor=make_editor())
    story = coverage.story
    story.standfirst = "Shelling reported near the border."
    story.first_published_at = days_ago(1)
    article = structured_data.news_article(
        request_, story, site="The Courier", entries=[], tags=[], corrections=[]
    )
    posting = structured_data.live_blog_posting(request_, coverage, story, [], "The Courier")
    shared = ["@context", "@id", "url", "headline", "description", "datePublished", "publisher"]
    assert {key: article[key] for key in shared} == {key: posting[key] for key in shared}
    assert article["url"] == "http://testserver" + story.get_absolute_url()
    assert article["description"] == "Shelling reported near the border."
    assert article["publisher"]["name"] == "The Courier"
    assert article["datePublished"] == story.first_published_at.isoformat()
    assert (article["@type"], posting["@type"]) == ("NewsArticle", "LiveBlogPosting")
    assert article["mainEntityOfPage"] == {"@type": "WebPage", "@id": article["url"]}
