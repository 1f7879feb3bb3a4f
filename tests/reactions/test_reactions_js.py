"""reactions.js in Chromium: the answer goes by fetch and the counts appear without a reload;
without JavaScript the same buttons post the form and the story comes back with the counts."""

import os
import shutil
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from newsdesk.reactions.models import Reaction
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.common.db.articles import make_story
from tests.common.db.reactions import make_votes

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def in_chromium(script: Callable[[Any], Any], *, javascript: bool = True) -> Any:
    """Run `script(page)` in a fresh Chromium page on a thread of its own; return its result.

    Not in the test's thread: Playwright's sync API would swap that thread's database connection
    (see conftest.py), and tests/browser may already run a Playwright there for the session.
    """
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        pytest.skip("Chromium is not installed (make browser installs it)")
    sync_api = pytest.importorskip("playwright.sync_api")

    def run() -> Any:
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                page = browser.new_context(java_script_enabled=javascript).new_page()
                page.set_default_timeout(10_000)
                return script(page)
            finally:
                browser.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


@pytest.fixture
def story(migrated_db, section):
    story = make_story(section, "Offensive displaces almost 800,000")
    make_votes(story, yes=2, no=1)
    return story


def test_a_reader_votes_and_changes_the_answer_without_a_reload(live_server, story):
    url = live_server.url + story.get_absolute_url()

    def vote_twice(page) -> dict:
        page.goto(url)
        page.evaluate("window.notReloaded = true")
        status = page.locator("[data-reactions-status]")
        seen = {}
        page.get_by_role("button", name="Yes, I like this article").click()
        page.get_by_text("You answered Yes").wait_for()
        seen["after yes"] = status.locator(".reactions__counts").inner_text()
        page.get_by_role("button", name="No, I do not like this article").click()
        page.get_by_text("You answered No").wait_for()
        seen["after no"] = status.locator(".reactions__counts").inner_text()
        seen["answers shown"] = status.locator(".reactions__answer").count()
        seen["live"] = status.get_attribute("aria-live")
        seen["not reloaded"] = page.evaluate("window.notReloaded")
        seen["url"] = page.url
        page.get_by_role("link", name="change your answer").click()
        seen["focused"] = page.evaluate("document.activeElement.value")
        return seen

    assert in_chromium(vote_twice) == {
        "after yes": "Yes 75% (3 votes) · No 25% (1 vote)",
        "after no": "Yes 50% (2 votes) · No 50% (2 votes)",
        "answers shown": 1,
        "live": "polite",
        "not reloaded": True,
        "url": url,
        "focused": "yes",
    }
    assert Reaction.objects.filter(story=story).count() == 4


def test_a_refused_vote_is_explained_in_place(live_server, story, settings):
    settings.NEWSDESK_REACTIONS_PER_IP_PER_HOUR = 0

    def vote(page) -> str:
        page.goto(live_server.url + story.get_absolute_url())
        page.get_by_role("button", name="Yes, I like this article").click()
        message = page.locator(".reactions__refused")
        message.wait_for()
        return message.inner_text()

    assert in_chromium(vote).startswith("Your answer was not counted")
    assert Reaction.objects.filter(story=story).count() == 3


def test_without_javascript_the_form_posts_and_comes_back_with_the_result(live_server, story):
    def vote(page) -> tuple[str, str, str]:
        page.goto(live_server.url + story.get_absolute_url())
        page.get_by_role("button", name="No, I do not like this article").click()
        page.wait_for_url("**?reaction=no#reactions")
        status = page.locator("[data-reactions-status]")
        return (
            page.url.removeprefix(live_server.url),
            status.locator(".reactions__counts").inner_text(),
            status.locator(".reactions__answer").inner_text(),
        )

    assert in_chromium(vote, javascript=False) == (
        f"{story.get_absolute_url()}?reaction=no#reactions",
        "Yes 50% (2 votes) · No 50% (2 votes)",
        "You answered No — change your answer",
    )
