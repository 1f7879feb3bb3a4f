"""Every reader page's head: canonical link, robots directive, Open Graph and Twitter cards."""

from datetime import datetime

import pytest
from bs4 import BeautifulSoup

from newsdesk.feeds.templatetags.social import og_locale
from tests.common.db.articles import days_ago, make_story, translate_story
from tests.common.db.bylines import AgencyFactory, AuthorFactory
from tests.common.db.live import make_coverage, make_editor
from tests.common.db.photos import PhotoFactory, image_file
from tests.common.db.sections import make_edition, translate_section

pytestmark = pytest.mark.django_db

ORIGIN = "http://testserver"


class Head:
    """The head of a page as crawlers and link previews read it."""

    def __init__(self, response):
        assert response.status_code == 200
        self.soup = BeautifulSoup(response.content, "html.parser").head

    def all(self, name: str) -> list[str]:
        """Every value of an Open Graph property or a named meta tag."""
        found = self.soup.find_all("meta", attrs={"property": name})
        found += self.soup.find_all("meta", attrs={"name": name})
        return [tag["content"] for tag in found]

    def one(self, name: str) -> str:
        values = self.all(name)
        assert len(values) == 1, (name, values)
        return values[0]

    @property
    def canonical(self) -> str:
        links = self.soup.find_all("link", rel="canonical")
        assert len(links) == 1
        return links[0]["href"]


#: The name the test site's pages show (its Wagtail site's, tests/common/db/sections.py), which
#: wins over WAGTAIL_SITE_NAME as it does in feeds and structured data.
SITE_NAME = "The Test Courier"


def head(client, url: str) -> Head:
    return Head(client.get(url))


def assert_site_card(page: Head, title: str, url: str) -> None:
    """What every indexable reader page has."""
    assert page.canonical == url
    assert page.one("og:url") == url
    assert page.one("robots") == "max-image-preview:large"
    assert page.one("og:site_name") == SITE_NAME
    assert page.one("og:title") == title
    assert page.one("og:locale") == "en_US"


@pytest.fixture
def story(section):
    return make_story(
        section,
        "Dam talks resume",
        standfirst='Engineers say the "old" spillway holds.',
        lead_photo=PhotoFactory(file=image_file(size=(1600, 900)), alt_text="The dam at dusk"),
        byline=[AuthorFactory(name="Amal Haddad", slug="amal-haddad"), AgencyFactory()],
        tags=["Kelbaran", "Water"],
    )


def test_a_story_is_an_article_with_its_photo_dates_section_tags_and_authors(client, story):
    url = ORIGIN + story.get_absolute_url()
    page = head(client, story.get_absolute_url())
    assert_site_card(page, "Dam talks resume", url)
    assert page.one("og:type") == "article"
    assert page.one("og:description") == 'Engineers say the "old" spillway holds.'
    image = page.one("og:image")
    assert image.startswith(f"{ORIGIN}/media/") and image.endswith(".jpg")
    assert (page.one("og:image:width"), page.one("og:image:height")) == ("1200", "675")
    assert page.one("og:image:alt") == "The dam at dusk"
    assert page.one("twitter:card") == "summary_large_image"
    story.refresh_from_db()
    published = datetime.fromisoformat(page.one("article:published_time"))
    assert published == story.first_published_at
    assert datetime.fromisoformat(page.one("article:modified_time")) >= published
    assert page.one("article:section") == "Security"
    assert sorted(page.all("article:tag")) == ["Kelbaran", "Water"]
    assert page.all("article:author") == [f"{ORIGIN}/en/authors/amal-haddad/", "AFP"]


def test_the_image_is_served(client, story):
    image = head(client, story.get_absolute_url()).one("og:image")
    rendition = story.lead_photo.renditions.get(file__endswith=image.rsplit("/", 1)[1])
    assert (rendition.width, rendition.height) == (1200, 675)


def test_a_story_rendered_again_from_its_fragments_keeps_its_card(client, story):
    first = head(client, story.get_absolute_url())
    again = head(client, story.get_absolute_url())  # byline, body and photo from fragments
    for name in ("og:image", "og:image:alt", "article:author", "article:tag", "twitter:card"):
        assert again.all(name) == first.all(name), name


def test_a_story_without_a_photo_gets_a_summary_card(client, section):
    story = make_story(section, "No picture")
    page = head(client, story.get_absolute_url())
    assert page.all("og:image") == []
    assert page.one("twitter:card") == "summary"
    assert page.all("og:description") == []  # no standfirst, no description


def test_a_translated_story_names_its_editions_locales(client, home, section):
    make_edition(home, "ru", "Тестовый курьер")
    translate_section(section, "ru", "Безопасность")
    source = make_story(section, "Ceasefire holds")
    russian = translate_story(source, "ru", headline="Перемирие соблюдается")
    english = head(client, source.get_absolute_url())
    assert english.one("og:locale") == "en_US"
    assert english.all("og:locale:alternate") == ["ru_RU"]
    page = head(client, russian.get_absolute_url())
    assert page.one("og:locale") == "ru_RU"
    assert page.all("og:locale:alternate") == ["en_US"]
    assert page.one("og:title") == "Перемирие соблюдается"
    assert page.canonical == ORIGIN + russian.get_absolute_url()


@pytest.mark.parametrize("published", [True, False])
def test_a_story_preview_is_noindex(rf, section, published):
    from django.template.loader import render_to_string

    from newsdesk.articles.services import story_context

    story = make_story(section, "Embargoed", publish=published)
    story.refresh_from_db()
    html = render_to_string(
        "articles/article_page.html",
        story_context(story, preview=True),
        request=rf.get("/admin/"),
    )
    page = Head(type("Response", (), {"status_code": 200, "content": html})())
    assert page.one("robots") == "noindex"
    assert page.one("og:title") == "Embargoed"
    assert len(page.all("article:published_time")) == int(published)


def test_the_front_page_is_the_sites_card(client, home):
    page = head(client, "/en/")
    assert_site_card(page, SITE_NAME, f"{ORIGIN}/en/")
    assert page.one("og:type") == "website"
    assert page.one("twitter:card") == "summary"


def test_a_section_page_keeps_its_page_number_and_drops_other_parameters(client, section, settings):
    settings.NEWSDESK_STORIES_PER_PAGE = 1
    make_story(section, "One")
    make_story(section, "Two")
    page = head(client, f"{section.url}?page=2&utm_source=mail")
    assert_site_card(page, "Security", f"{ORIGIN}/en/security/?page=2")
    assert page.one("og:description") == "Conflict, policing and defence."
    assert head(client, f"{section.url}?page=1").canonical == f"{ORIGIN}/en/security/"


@pytest.mark.parametrize("kind", ["tag", "author", "corrections", "search"])
def test_every_list_keeps_its_page_number(client, section, settings, kind):
    """The view says which page it shows (`page_number`): the canonical address keeps it."""
    settings.NEWSDESK_STORIES_PER_PAGE = 1
    author = AuthorFactory(name="Amal Haddad", slug="amal-haddad", locale=section.locale)
    for headline in ("Dam one", "Dam two"):
        make_story(
            section,
            headline,
            byline=[author],
            tags=["kelbaran"],
            corrections=[("correction", "A date was wrong.", days_ago(1))],
        )
    address = {
        "tag": "/en/tags/kelbaran/",
        "author": "/en/authors/amal-haddad/",
        "corrections": "/en/corrections/",
        "search": "/en/search/?q=dam",
    }[kind]
    joined = "&" if "?" in address else "?"
    assert head(client, f"{address}{joined}page=2&utm_source=x").canonical == (
        f"{ORIGIN}{address}{joined}page=2"
    )


def test_the_page_number_is_the_views_not_any_page_in_the_context(rf, home):
    """A list page object elsewhere in the context (a comments page, say) is not the page's
    number: only what the view passes as `page_number` is."""
    from django.core.paginator import Paginator
    from django.template import Context, Template

    request = rf.get("/en/tags/x/?page=3")
    template = Template("{% load social %}{% social_tags %}")
    other_list = Paginator(range(10), 2).page(3)
    html = template.render(Context({"request": request, "comments": other_list}))
    assert 'href="http://testserver/en/tags/x/"' in html
    html = template.render(Context({"request": request, "page_number": 3}))
    assert 'href="http://testserver/en/tags/x/?page=3"' in html


def test_an_author_page_is_a_profile(client, story):
    page = head(client, "/en/authors/amal-haddad/")
    assert_site_card(page, "Amal Haddad", f"{ORIGIN}/en/authors/amal-haddad/")
    assert page.one("og:type") == "profile"


def test_a_tag_page(client, story):
    page = head(client, "/en/tags/kelbaran/")
    assert_site_card(page, "Stories tagged Kelbaran", f"{ORIGIN}/en/tags/kelbaran/")


def test_the_comment_policy_page(client, home):
    page = head(client, "/en/discussion/policy/")
    assert_site_card(page, "Comment Policy", f"{ORIGIN}/en/discussion/policy/")


def test_search_results_stay_noindex_with_their_query_in_the_canonical(client, story):
    page = head(client, "/en/search/?q=dam&page=1&sort=x")
    assert page.one("robots") == "noindex"
    assert page.canonical == f"{ORIGIN}/en/search/?q=dam"
    assert page.one("og:title") == "Search"


def test_a_live_coverage_page_is_an_article(client, section):
    coverage = make_coverage(section, editor=make_editor())
    url = coverage.story.get_absolute_url()
    page = head(client, url)
    assert_site_card(page, coverage.story.headline, ORIGIN + url)
    assert page.one("og:type") == "article"


def test_a_missing_page_has_no_card(client, home):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    soup = BeautifulSoup(response.content, "html.parser").head
    assert soup.find("link", rel="canonical") is None
    assert soup.find("meta", attrs={"property": "og:title"}) is None


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "en_US"), ("ru", "ru_RU"), ("ar", "ar_AR"), ("pt-br", "pt_BR"), ("xx", "xx")],
)
def test_open_graph_locales(language, expected):
    assert og_locale(language) == expected


@pytest.mark.parametrize("page", ["2", "-2", "²", "x", "9" * 5000])
def test_a_page_that_is_not_a_list_keeps_no_page_number(client, story, page):
    url = story.get_absolute_url()
    assert head(client, f"{url}?page={page}").canonical == ORIGIN + url
