"""A reader's browser shows the front page, a section and a story, from 320 px phones up."""

import pytest

from tests.common.db.articles import days_ago, make_story, paragraph
from tests.common.db.bylines import AgencyFactory, AuthorFactory
from tests.common.db.photos import PhotoFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def story(section):
    return make_story(
        section,
        "Offensive displaces almost 800,000",
        byline=[
            AuthorFactory(name="Anna Petrova"),
            AuthorFactory(name="Ben Okafor"),
            AgencyFactory(),
        ],
        dateline="ANKARA",
        lead_photo=PhotoFactory(alt_text="Children in a field hospital", credit="Jane Doe/AFP"),
        body=[paragraph("First paragraph of the story."), ("subheading", "Displaced")],
        published_at=days_ago(1),
    )


def test_reader_goes_from_front_page_to_section_to_story(live_server, page, story):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Security").first.click()
    page.wait_for_url("**/security/")
    assert page.get_by_role("heading", level=1).inner_text() == "Security"
    page.get_by_role("link", name=story.headline).click()
    assert page.get_by_role("heading", level=1).inner_text() == story.headline
    assert page.locator("article .byline").inner_text() == "Anna Petrova, Ben Okafor and AFP"
    assert page.locator(".story__body p").first.inner_text().startswith("ANKARA -- First")
    image = page.locator(".story__lead-photo img")
    assert image.get_attribute("alt") == "Children in a field hospital"
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")


@pytest.mark.parametrize("width", [320, 768, 1440])
def test_story_page_fits_the_screen_without_sideways_scrolling(live_server, page, story, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(live_server.url + story.get_absolute_url())
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width


def test_skip_link_is_first_and_visible_when_focused(live_server, page, story):
    page.goto(live_server.url + story.get_absolute_url())
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    box = page.locator(".skip-link").bounding_box()
    assert box is not None and box["x"] >= 0 and box["width"] > 1
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def test_story_reads_with_javascript_off(browser, live_server, story):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + story.get_absolute_url())
    assert page.get_by_role("heading", level=1).inner_text() == story.headline
    context.close()
