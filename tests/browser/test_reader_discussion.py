"""A reader votes, comments and replies in Chromium; a moderator approves from the queue.

The whole of issue 3's reader journey, end to end, with JavaScript on.
"""

import re

import pytest
from django.urls import reverse

from newsdesk.discussion.models import Comment
from tests.browser.conftest import sign_in_to_admin
from tests.common.db.articles import make_story
from tests.common.db.discussion import site_discussion_settings

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

MAX = 1500


@pytest.fixture
def story(section, settings):
    # The journey posts faster than a person would and more than once from one address.
    settings.NEWSDESK_MODERATION_MIN_SECONDS = 0
    settings.NEWSDESK_MODERATION_RATE_LIMIT_PER_IP = 100
    settings.NEWSDESK_MODERATION_RATE_LIMIT_PER_EMAIL = 100
    settings.NEWSDESK_COMMENT_LIMIT_PER_EMAIL = 100
    settings.NEWSDESK_COMMENT_LIMIT_PER_IP = 100
    return make_story(section, "Ceasefire talks resume")


def counter_text(page) -> str:
    return page.locator("#comment-form [data-counter-value]").inner_text()


def fill_commenter(form, name="Leyla", email="leyla@example.org"):
    form.get_by_label(re.compile("^Name")).fill(name)
    form.get_by_label(re.compile("^Email")).fill(email)


def test_reader_votes_and_sees_the_result_without_reload(live_server, page, story):
    page.goto(live_server.url + story.get_absolute_url())
    page.get_by_role("button", name="Yes, I like this article").click()
    results = page.locator("[data-reactions-status]")
    results.get_by_text("You answered Yes").wait_for()
    assert "100% (1 vote)" in results.inner_text()
    assert page.url.endswith(story.get_absolute_url())  # no reload, no redirect
    page.get_by_role("button", name="No, I do not like this article").click()
    results.get_by_text("You answered No").wait_for()
    assert "Yes 0% (0 votes)" in results.inner_text()


def test_counter_counts_down_with_emoji_and_line_breaks(live_server, page, story):
    page.goto(live_server.url + story.get_absolute_url())
    assert counter_text(page) == f"{MAX} / {MAX}"
    textarea = page.locator("#comment-form textarea")
    textarea.fill("Hi 👋\nthere\r\nfriend é")  # é here is e + combining acute: 1 after NFC
    # "Hi 👋" 4, newline 1, "there" 5, CRLF 1, "friend é" 8 -> 19
    assert counter_text(page) == f"{MAX - 19} / {MAX}"
    textarea.fill("x" * (MAX - 10))
    assert "counter--warning" in page.locator("#comment-form [data-counter]").get_attribute("class")


def test_reader_posts_full_length_comment_and_is_refused_one_over(live_server, page, story):
    page.goto(live_server.url + story.get_absolute_url())
    form = page.locator("#comment-form")
    fill_commenter(form)
    # 1501 code points, with emoji and line breaks, ending in text (trailing space is trimmed).
    too_long = "🙂\n" * (MAX // 2 - 1) + "🙂!!"
    form.locator("textarea").fill(too_long)
    assert counter_text(page) == f"-1 / {MAX}"
    form.get_by_role("button", name="Post comment").click()
    form.locator("[data-error-for=text]").filter(has_text=re.compile(r"\S")).wait_for()
    assert form.locator("textarea").input_value() == too_long  # nothing typed is lost
    assert Comment.objects.count() == 0

    just_right = too_long[:-1]
    form.locator("textarea").fill(just_right)
    assert counter_text(page) == f"0 / {MAX}"
    form.get_by_role("button", name="Post comment").click()
    form.locator("[data-form-status]").get_by_text("waiting for a moderator").wait_for()
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.text == just_right


def test_moderator_approves_and_the_reader_replies(live_server, page, browser, story, admin_user):
    # A reader posts; pre-moderation holds the comment.
    page.goto(live_server.url + story.get_absolute_url())
    form = page.locator("#comment-form")
    fill_commenter(form)
    form.locator("textarea").fill("The monitors should go back now.")
    form.get_by_role("button", name="Post comment").click()
    form.locator("[data-form-status]").get_by_text("waiting for a moderator").wait_for()
    comment = Comment.objects.get()

    # A moderator approves it from the queue.
    moderator = browser.new_context().new_page()
    sign_in_to_admin(moderator, live_server.url, admin_user)
    moderator.goto(live_server.url + reverse("wagtailsnippets_discussion_comment:list"))
    assert "The monitors should go back now." in moderator.content()
    moderator.goto(
        live_server.url
        + reverse("wagtailsnippets_discussion_comment:moderate", args=[comment.pk, "approve"])
    )
    moderator.locator("main form button[type=submit]").click()
    moderator.wait_for_load_state()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED

    # The reader sees it on the story, with the count, and replies under it.
    page.goto(live_server.url + story.get_absolute_url() + "?after=approval")
    assert page.locator("#comments-heading").inner_text() == "1 Comment"
    posted = page.locator(f"#comment-{comment.pk}")
    assert "The monitors should go back now." in posted.inner_text()
    posted.get_by_role("link", name=re.compile("Reply")).first.click()
    reply_form = posted.locator("form")
    fill_commenter(reply_form, name="Arman", email="arman@example.org")
    reply_form.locator("textarea").fill("Agreed, and soon.")
    reply_form.get_by_role("button", name="Post comment").click()
    reply_form.locator("[data-form-status]").get_by_text("waiting for a moderator").wait_for()
    reply = Comment.objects.exclude(pk=comment.pk).get()
    assert reply.parent_id == comment.pk and reply.depth == 1


def test_published_comment_appears_with_the_new_count_without_reload(live_server, page, story):
    site_discussion_settings(default_mode="post")
    page.goto(live_server.url + story.get_absolute_url())
    assert page.locator("#comments-heading").inner_text() == "0 Comments"
    form = page.locator("#comment-form")
    fill_commenter(form)
    form.locator("textarea").fill("Good to see the talks back on.")
    form.get_by_role("button", name="Post comment").click()
    form.locator("[data-form-status]").get_by_text("published").wait_for()
    comment = Comment.objects.get()
    assert "Good to see the talks back on." in page.locator(f"#comment-{comment.pk}").inner_text()
    assert page.locator("#comments-heading").inner_text() == "1 Comment"
    assert page.url.endswith(story.get_absolute_url())


def test_a_reader_past_the_flood_limit_is_told_to_wait_and_keeps_the_text(
    live_server, page, story, settings
):
    """The script shows the 429's message above the form; the text stays; nothing is stored."""
    settings.NEWSDESK_COMMENT_LIMIT_PER_EMAIL = 1
    page.goto(live_server.url + story.get_absolute_url())
    form = page.locator("#comment-form")
    fill_commenter(form)
    form.locator("textarea").fill("First thought on the talks.")
    form.get_by_role("button", name="Post comment").click()
    form.locator("[data-form-status]").get_by_text("waiting for a moderator").wait_for()

    form.locator("textarea").fill("Second thought, straight after.")
    form.get_by_role("button", name="Post comment").click()
    form.locator("[data-form-errors]").get_by_text("Please slow down").wait_for()
    assert "You can send it in 10 minutes." in form.locator("[data-form-errors]").inner_text()
    assert form.locator("textarea").input_value() == "Second thought, straight after."
    assert Comment.objects.count() == 1
