"""The API's browsable docs work in Chromium under the readers' Content-Security-Policy, with
every asset from our own address (the `page` fixture fails the test on any violation)."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_docs_page_lists_operations_and_tries_one_without_a_violation(
    live_server, page, newsroom_for_browser
):
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(live_server.url + "/api/docs/")
    stories = page.locator(".opblock-summary-path", has_text="/api/v1/stories/").first
    stories.wait_for()
    assert page.locator(".opblock").count() >= 10
    # Try the story list from the page: Swagger UI calls the API and shows its answer.
    stories.click()
    page.get_by_role("button", name="Execute").first.click()
    # The live answer's table, not the documented responses below it.
    live = page.locator(".live-responses-table").first
    live.locator(".response-col_status", has_text="200").wait_for()
    live.locator("text=Offensive enters its third day").first.wait_for()
    assert asked and all(url.startswith(live_server.url) for url in asked)


@pytest.fixture
def newsroom_for_browser(section):
    from tests.common.db.articles import make_story

    return make_story(section, "Offensive enters its third day")
