"""The same story read in English and in Arabic: the layout mirrors, landmark by landmark.

Positions of elements are compared between the two pages, not pixels. The Arabic page is the
story's version in the Arabic edition (`/ar/...`, the same path and the same comments).
"""

import io
from pathlib import Path

import pytest
from PIL import Image
from wagtail.models import Locale

from tests.common.db.articles import days_ago, make_story, paragraph, translate_story
from tests.common.db.bylines import AgencyFactory, AuthorFactory
from tests.common.db.discussion import CommentFactory, reply_chain
from tests.common.db.sections import make_edition, translate_section

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WIDTH = 1024


@pytest.fixture
def story(home, section):
    """The English story, and its Arabic version at the same path in the Arabic edition."""
    anna = AuthorFactory(name="Anna Petrova")
    story = make_story(
        section,
        "Offensive displaces almost 800,000",
        byline=[anna, AgencyFactory(short_name="AFP")],
        body=[
            paragraph("First paragraph of the story."),
            ("quote", {"quote": "We left everything behind.", "attribution": "A farmer"}),
        ],
        published_at=days_ago(1),
    )
    make_edition(home, "ar")
    translate_section(section, "ar", section.title, slug=section.slug)
    anna.copy_for_translation(Locale.objects.get(language_code="ar")).save()
    arabic = translate_story(story, "ar", first_published_at=story.first_published_at)
    for version in (story, arabic):
        first = CommentFactory(
            story=version, author_name="Reader One", text="A comment in English."
        )
        reply_chain(first, 1, author_name="سارة", text="ردّ بالعربية على التعليق")
    return story


def in_edition(url: str, language: str) -> str:
    return url.replace("/en/", f"/{language}/", 1)


# Boxes of the landmarks, relative to the page's content column (`main.wrap`).
LANDMARKS = """() => {
  const main = document.querySelector("main").getBoundingClientRect();
  const box = (selector) => {
    const r = document.querySelector(selector).getBoundingClientRect();
    return { start: r.left - main.left, end: main.right - r.right, width: r.width };
  };
  const textBox = (selector) => {
    const range = document.createRange();
    range.selectNodeContents(document.querySelector(selector));
    const r = range.getBoundingClientRect();
    const parent = document.querySelector(selector).getBoundingClientRect();
    return { left: r.left - parent.left, right: parent.right - r.right };
  };
  const quote = getComputedStyle(document.querySelector(".pull-quote blockquote"));
  const authors = [...document.querySelectorAll(".story .byline bdi")].map(
    (name) => name.getBoundingClientRect().left);
  return {
    dir: document.documentElement.dir,
    siteName: box(".site-name a"),
    reply: box(".comments--replies .comment__body"),
    parent: box(".comments > .comment > .comment__body"),
    counter: textBox("[data-counter]"),
    quoteBorder: { left: quote.borderLeftWidth, right: quote.borderRightWidth },
    firstAuthorIsLeftmost: authors[0] < authors[1],
    arabicReply: textBox(".comments--replies .comment__text"),
  };
}"""


def landmarks(browser, url: str, language: str) -> dict:
    context = browser.new_context(viewport={"width": WIDTH, "height": 900})
    page = context.new_page()
    page.goto(in_edition(url, language))
    found = page.evaluate(LANDMARKS)
    context.close()
    return found


def test_the_arabic_page_mirrors_the_english_one(live_server, browser, story):
    url = live_server.url + story.get_absolute_url()
    ltr = landmarks(browser, url, "en")
    rtl = landmarks(browser, url, "ar")
    print(ltr, rtl, sep="\n")  # shown when an assertion fails
    assert (ltr["dir"], rtl["dir"]) == ("ltr", "rtl")
    # The site's name sits at the start of the line: the left in English, the right in Arabic.
    assert ltr["siteName"]["start"] < ltr["siteName"]["end"]
    assert rtl["siteName"]["end"] < rtl["siteName"]["start"]
    assert rtl["siteName"]["end"] == pytest.approx(ltr["siteName"]["start"], abs=1)
    # A reply is indented from the start side: it moves right in English, left in Arabic.
    assert ltr["reply"]["start"] > ltr["parent"]["start"]
    assert rtl["reply"]["end"] > rtl["parent"]["end"]
    assert rtl["reply"]["start"] == pytest.approx(ltr["reply"]["end"], abs=1)
    # The quote's rule is on the start side.
    assert ltr["quoteBorder"] == {"left": "4px", "right": "0px"}
    assert rtl["quoteBorder"] == {"left": "0px", "right": "4px"}
    # The counter sits at the end of the line: the right in English, the left in Arabic.
    assert ltr["counter"]["right"] < ltr["counter"]["left"]
    assert rtl["counter"]["left"] < rtl["counter"]["right"]
    # Names keep the page's order: the first author is read first, on the left or the right.
    assert ltr["firstAuthorIsLeftmost"] is True
    assert rtl["firstAuthorIsLeftmost"] is False
    # An Arabic comment reads right to left even on the English page (dir="auto").
    assert ltr["arabicReply"]["right"] < ltr["arabicReply"]["left"]


def test_the_counter_counts_in_arabic_indic_digits_when_chosen(live_server, page, settings, story):
    settings.NEWSDESK_NATIVE_DIGITS = ["ar"]
    page.goto(live_server.url + in_edition(story.get_absolute_url(), "ar"))
    counter = page.locator("[data-counter-value]")
    assert counter.inner_text() == "١٥٠٠ / ١٥٠٠"
    page.locator("textarea[name=text]").fill("مرحبا")  # five letters
    assert counter.inner_text() == "١٤٩٥ / ١٥٠٠"
    page.locator("textarea[name=text]").fill("x" * 1502)
    assert counter.inner_text() == "-٢ / ١٥٠٠"


def test_the_reply_form_isolates_the_name_it_replies_to(live_server, page, story):
    page.goto(live_server.url + story.get_absolute_url())
    page.locator("a[data-reply]").nth(1).click()
    title = page.locator("[data-form-title]")
    assert title.inner_text() == "Reply to سارة"
    assert title.locator("bdi").inner_text() == "سارة"


ADMIN_CSS = Path(__file__).resolve().parents[2] / (
    "newsdesk/localisation/static/localisation/admin_text_direction.css"
)


def ink_columns(png: bytes) -> tuple[int, int]:
    """The first and last pixel columns holding dark text in a screenshot of a field."""
    image = Image.open(io.BytesIO(png)).convert("L")
    width, height = image.size
    columns = [
        x
        for x in range(3, width - 3)
        if any(image.getpixel((x, y)) < 100 for y in range(3, height - 3))
    ]
    return min(columns), max(columns)


def test_admin_text_fields_align_arabic_to_the_right_in_an_english_admin(browser):
    page = browser.new_page()
    page.set_content(
        f"<html lang='en' dir='ltr'><style>{ADMIN_CSS.read_text()}"
        "input, textarea { width: 400px; border: 0; font-size: 20px; }</style>"
        "<input type='text' id='arabic' value='مرحبا بكم'>"
        "<input type='text' id='latin' value='Hello'>"
    )
    arabic = ink_columns(page.locator("#arabic").screenshot())
    latin = ink_columns(page.locator("#latin").screenshot())
    page.close()
    assert arabic[0] > 200  # the Arabic headline starts at the right edge
    assert latin[1] < 200  # the Latin one at the left
