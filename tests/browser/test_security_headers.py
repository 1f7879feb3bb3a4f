"""Chromium under the real policies: readers and editors work without one CSP violation, and
the readers' policy blocks a frame from an origin it does not list.

Every browser test fails on a violation or a header Chromium cannot apply (the `page` fixture in
conftest.py); these tests walk the pages the other journeys do not: embeds, the story editor's
preview panel, photo uploads and the focal point, a section page's editor and the admin's menus.
"""

import io
import re

import pytest
from django.urls import reverse
from PIL import Image

from tests.browser.conftest import sign_in_to_admin
from tests.common.db.articles import make_embed, make_story, paragraph
from tests.common.db.bylines import AuthorFactory
from tests.common.db.photos import PhotoFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PLAYER = "<!doctype html><title>Player</title><p>Video player</p>"


def serve_players(page) -> list[str]:
    """Answer the embed providers' frames locally (tests have no network); list what was asked."""
    asked = []

    def answer(route):
        asked.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body=PLAYER)

    for origin in ("https://www.youtube.com", "https://tracker.example.net"):
        page.route(f"{origin}/**", answer)
    return asked


@pytest.fixture
def story(section):
    return make_story(
        section,
        "Floods close the coast road",
        byline=[AuthorFactory(name="Anna Petrova")],
        lead_photo=PhotoFactory(alt_text="A flooded road"),
        body=[
            paragraph("Water rose overnight along the coast."),
            ("embed", make_embed("https://www.youtube.com/watch?v=flood1").url),
            paragraph("The road reopens on Monday."),
        ],
    )


def test_reader_sees_a_listed_embed_and_no_violation(live_server, page, story):
    serve_players(page)
    page.goto(live_server.url + story.get_absolute_url())
    player = page.frame_locator(".story__body iframe")
    assert player.locator("p").inner_text() == "Video player"
    image = page.locator(".story__lead-photo img")
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    for path in ("/", story.section.url, reverse("articles:search") + "?q=flood"):
        page.goto(live_server.url + path)


def test_frame_from_an_unlisted_origin_is_blocked(live_server, page, section, csp_violations):
    """An embed whose provider is not in NEWSDESK_CSP_EMBED_ORIGINS shows nothing."""
    embed = make_embed(
        "https://tracker.example.net/watch?v=1",
        html='<iframe src="https://tracker.example.net/frame" title="Tracker"></iframe>',
    )
    story = make_story(section, "Embed from elsewhere", body=[("embed", embed.url)])
    asked = serve_players(page)
    page.goto(live_server.url + story.get_absolute_url())
    for _ in range(50):  # the report comes back from the browser on its own time
        reports = [v for v in csp_violations if "directive" in v]
        if reports:
            break
        page.wait_for_timeout(100)
    assert [(v["directive"], v["blocked"]) for v in reports] == [
        ("frame-src", "https://tracker.example.net")
    ]
    assert asked == []
    csp_violations.clear()


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (800, 500), (30, 90, 160)).save(buffer, "PNG")
    return buffer.getvalue()


def open_preview_panel(page, heading: str):
    """Open the editor's live preview and wait until the reader page shows in its frame."""
    toggle = page.get_by_role("button", name="Toggle preview")
    page.wait_for_load_state("networkidle")
    if toggle.get_attribute("aria-expanded") != "true":  # the admin remembers an open panel
        toggle.click()
    preview = page.frame_locator("#w-preview-iframe")
    preview.locator("h1", has_text=heading).wait_for()
    return preview


def test_editor_journey_raises_no_violation(live_server, page, admin_user, story, section):
    """Story editor with its preview, photos, a section page, and every menu's first page."""
    serve_players(page)
    sign_in_to_admin(page, live_server.url, admin_user)

    page.goto(live_server.url + reverse("wagtailsnippets_articles_article:edit", args=[story.pk]))
    preview = open_preview_panel(page, "Floods close the coast road")
    assert preview.frame_locator(".story__body iframe").locator("p").inner_text() == "Video player"
    page.fill("#id_headline", "Floods close the coast road for a week")
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url(re.compile(r".*/edit/\d+/$"))

    page.goto(live_server.url + reverse("wagtailimages:add_multiple"))
    page.set_input_files(
        "input[type=file]",
        files=[{"name": "harbour.png", "mimeType": "image/png", "buffer": png_bytes()}],
    )
    page.locator(".upload-success").wait_for()
    page.goto(live_server.url + reverse("wagtailimages:edit", args=[story.lead_photo.pk]))
    page.wait_for_load_state("networkidle")
    page.locator(".jcrop-holder").wait_for()  # the focal point chooser, drawn by its script

    page.goto(live_server.url + reverse("wagtailadmin_pages:edit", args=[section.pk]))
    open_preview_panel(page, "Security")

    for name in (
        "wagtailadmin_home",
        "wagtailsnippets_articles_article:list",
        "wagtailimages:index",
        "wagtailadmin_explore_root",
        "wagtailusers_users:index",
        "wagtailadmin_reports:site_history",
    ):
        page.goto(live_server.url + reverse(name))
        page.wait_for_load_state("networkidle")
