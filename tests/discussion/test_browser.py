"""A reader's browser (Chromium via Playwright): the live counter, posting and replying without
a reload, a refused comment that keeps its text. Skipped without Chromium."""

import os
import shutil
import threading
from collections.abc import Callable

import pytest
from django.db import connections

from newsdesk.discussion.models import Comment
from tests.common.db.discussion import CommentFactory, site_discussion_settings

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CHROMIUM = "/usr/bin/chromium"

# Playwright's sync API runs an event loop in its thread; the ORM calls made there are still
# synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def in_browser() -> Callable:
    """Run `steps(page)` in Chromium, in a thread of its own.

    Its own thread, because Playwright's sync API allows one instance per thread and the
    reader-page browser tests may hold theirs open in the main thread for the whole session.
    """
    executable = CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium")
    if not executable:
        pytest.skip("Chromium is not installed (make browser installs it)")
    sync_api = pytest.importorskip("playwright.sync_api")

    def run(steps: Callable, *, javascript: bool = True) -> None:
        failure: list[BaseException] = []

        def browse() -> None:
            try:
                with sync_api.sync_playwright() as playwright:
                    browser = playwright.chromium.launch(
                        executable_path=executable, args=["--no-sandbox", "--disable-gpu"]
                    )
                    try:
                        context = browser.new_context(java_script_enabled=javascript)
                        page = context.new_page()
                        page.set_default_timeout(10_000)
                        steps(page)
                    finally:
                        browser.close()
            except BaseException as error:  # handed to the test's thread below
                failure.append(error)
            finally:
                connections.close_all()

        thread = threading.Thread(target=browse, name="browser")
        thread.start()
        thread.join(timeout=180)
        assert not thread.is_alive(), "the browser steps did not finish"
        if failure:
            raise failure[0]

    return run


def open_story(page, live_server, story):
    page.goto(live_server.url + story.get_absolute_url())
    page.wait_for_load_state("networkidle")  # the fresh form token has arrived


def counter(page) -> str:
    return page.locator("[data-counter-value]").inner_text()


def test_counter_counts_down_with_emoji_and_line_breaks(live_server, in_browser, story):
    def steps(page):
        open_story(page, live_server, story)
        assert counter(page) == "1500 / 1500"
        box = page.get_by_label("Comment *")
        box.press_sequentially("Hi 👍")
        assert counter(page) == "1496 / 1500"
        box.press("Enter")
        box.press_sequentially("é")
        assert counter(page) == "1494 / 1500"
        box.fill("x" * 1450)
        assert counter(page) == "50 / 1500"
        assert "counter--warning" in page.locator("[data-counter]").get_attribute("class")
        assert (
            page.locator("[data-counter-announce]").inner_text() == "Characters left: 50 of 1500."
        )
        box.fill("👨\u200d👩\u200d👧" * 300 + "!")
        assert counter(page) == "-1 / 1500"
        assert "counter--over" in page.locator("[data-counter]").get_attribute("class")
        samples = ["a\r\nb", "e\u0301", "🇫🇷", "👍🏽"]
        counted = page.evaluate("(values) => values.map(window.Newsdesk.countCharacters)", samples)
        assert counted == [3, 1, 2, 2]

    in_browser(steps)


def fill_form(page, text: str, name: str = "Anna Reader"):
    page.get_by_label("Name *").fill(name)
    page.get_by_label("Email *").fill("anna@example.org")
    page.get_by_label("Comment *").fill(text)


def test_a_published_comment_and_a_reply_appear_without_a_reload(live_server, in_browser, story):
    site_discussion_settings(default_mode="post")
    boris = CommentFactory(story=story, author_name="Boris", text="The first comment")

    def steps(page):
        open_story(page, live_server, story)
        page.evaluate("window.notReloaded = true")

        fill_form(page, "A" * 1000 + "\n" + "👍" * 499)  # 1500 exactly
        page.get_by_role("button", name="Post comment").click()
        status = page.locator("[data-form-status]")
        status.get_by_text("Your comment is published").wait_for()
        assert page.locator("section#comments > ol.comments > li").count() == 2
        assert page.get_by_label("Comment *").input_value() == ""
        assert counter(page) == "1500 / 1500"

        page.locator(f"#comment-{boris.pk} .comment__reply").click()
        form = page.locator(f"#comment-{boris.pk} > form.comment-form")
        assert form.locator("[data-form-title]").inner_text() == "Reply to Boris"
        fill_form(page, "I disagree, politely.", name="Chen")
        form.get_by_role("button", name="Post comment").click()
        page.locator(f"#comment-{boris.pk} ol.comments--replies li").get_by_text(
            "I disagree, politely."
        ).wait_for()
        assert page.evaluate("window.notReloaded") is True

    in_browser(steps)
    reply = Comment.objects.get(author_name="Chen")
    assert reply.parent == boris and reply.status == "approved"


def test_a_refused_comment_keeps_its_text_and_shows_why(live_server, in_browser, story):
    too_long = "b" * 1500 + "\n"

    def steps(page):
        open_story(page, live_server, story)
        fill_form(page, too_long)
        page.get_by_role("button", name="Post comment").click()
        page.locator("#id_text_error").get_by_text("1 character too long").wait_for()
        assert page.get_by_label("Comment *").input_value() == too_long
        assert page.get_by_label("Comment *").get_attribute("aria-invalid") == "true"

    in_browser(steps)
    assert Comment.objects.count() == 0


def test_a_held_comment_says_it_waits_for_a_moderator(live_server, in_browser, story):
    site_discussion_settings(default_mode="pre")

    def steps(page):
        open_story(page, live_server, story)
        fill_form(page, "Please read this first.")
        page.get_by_role("button", name="Post comment").click()
        page.locator("[data-form-status]").get_by_text("waiting for a moderator").wait_for()
        assert page.locator("section#comments li.comment").count() == 0

    in_browser(steps)
    assert Comment.objects.get().status == "pending"


def test_without_javascript_reply_link_opens_the_reply_page(live_server, in_browser, story):
    site_discussion_settings(default_mode="post")
    boris = CommentFactory(story=story, author_name="Boris")

    def steps(page):
        page.goto(live_server.url + story.get_absolute_url())
        page.get_by_role("link", name="Reply to Boris").click()
        page.wait_for_url(f"**/discussion/reply/{boris.pk}/")
        fill_form(page, "Posted from the reply page.", name="Dana")
        page.get_by_role("button", name="Post comment").click()
        page.wait_for_url("**/discussion/posted/**")
        assert page.get_by_role("heading", level=1).inner_text() == "Your comment is published"
        page.get_by_role("link", name="See your comment under the story").click()
        assert page.locator(".comment__author", has_text="Dana").count() == 1

    in_browser(steps, javascript=False)
    assert Comment.objects.get(author_name="Dana").parent == boris
