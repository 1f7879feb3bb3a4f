"""The discussion as a reader meets it: the story page's section, posting with and without
JavaScript, errors that keep the text, the reply page, the policy page, unsubscribing."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from newsdesk.articles.models import DiscussionMode
from newsdesk.discussion.models import Comment
from newsdesk.discussion.tokens import issue_form_token, posted_token, unsubscribe_token
from newsdesk.moderation.verdicts import Action, Verdict
from tests.common.db.articles import days_ago, make_story
from tests.common.db.discussion import (
    CommentFactory,
    CommentPolicyFactory,
    comments_in_order,
    site_discussion_settings,
)
from tests.discussion.reader import comment_data, post_comment, soup

pytestmark = pytest.mark.django_db


def story_page(client, story, query: str = ""):
    response = client.get(story.get_absolute_url() + query)
    assert response.status_code == 200
    return soup(response)


# The story page -----------------------------------------------------------------------------


def test_discussion_sits_under_the_story_like_the_seed_page(client, story):
    """Count heading, policy, "* Denotes Required Field", the form and its "1500 / 1500"."""
    CommentFactory.create_batch(3, story=story)
    page = story_page(client, story)
    section = page.select_one("section#comments")
    assert section["aria-labelledby"] == "comments-heading"
    assert section.find("h2", id="comments-heading").get_text() == "3 Comments"
    assert section.select_one(".discussion__policy-link a")["href"] == "/en/discussion/policy/"
    assert section.select_one(".discussion__policy-summary").get_text(strip=True)
    form = section.find("form", class_="comment-form")
    assert form["action"] == f"/en/discussion/stories/{story.pk}/comments/"
    assert "* Denotes Required Field" in form.get_text()
    assert form.select_one("[data-counter-value]").get_text() == "1500 / 1500"
    assert [li.select_one(".comment__reply").get_text() for li in section.select("li.comment")] == [
        "Reply"
    ] * 3
    assert page.find("script", src="/static/discussion/discussion.js").has_attr("defer")


def test_form_labels_mark_required_fields_and_describe_errors(client, story):
    form = story_page(client, story).find("form", class_="comment-form")
    for name, label in [("author_name", "Name"), ("author_email", "Email"), ("text", "Comment")]:
        field = form.find(attrs={"name": name})
        label_tag = form.find("label", attrs={"for": field["id"]})
        assert label_tag.get_text(" ", strip=True) == f"{label} *"
        assert field.has_attr("required")
        error_id = field["aria-describedby"].split()[0]
        assert form.find(id=error_id)["data-error-for"] == name
    textarea = form.find("textarea", attrs={"name": "text"})
    assert not textarea.has_attr("maxlength")
    assert "id_text_counter" in textarea["aria-describedby"]
    notify = form.find("input", attrs={"name": "notify_on_reply"})
    assert notify["type"] == "checkbox"
    assert form.find("label", attrs={"for": notify["id"]}).get_text() == (
        "Notify me of replies by email"
    )


def test_honeypot_is_hidden_and_labelled_for_humans(client, story):
    form = story_page(client, story).find("form", class_="comment-form")
    trap = form.find("input", attrs={"name": "website"})
    assert trap["tabindex"] == "-1" and trap["autocomplete"] == "off"
    wrapper = trap.find_parent(class_="comment-form__trap")
    assert wrapper["aria-hidden"] == "true"
    assert "empty" in wrapper.find("label").get_text()


def test_email_is_never_shown(client, story):
    CommentFactory(story=story, author_email="secret-reader@example.org")
    response = client.get(story.get_absolute_url())
    assert b"secret-reader@example.org" not in response.content


def test_each_comment_has_name_date_text_permalink_and_staff_mark(client, story):
    comment = CommentFactory(
        story=story, author_name="Press Desk", text="Line one\nLine two", is_staff_comment=True
    )
    item = story_page(client, story).find("li", id=f"comment-{comment.pk}")
    assert item.select_one(".comment__author").get_text() == "Press Desk"
    assert item.select_one(".comment__staff").get_text() == "Staff"
    assert item.find("time")["datetime"] == comment.submitted_at.isoformat()
    assert item.select_one(".comment__permalink")["href"].endswith(f"#comment-{comment.pk}")
    assert item.select_one(".comment__text").get_text("|") == "Line one|Line two"
    assert item.select_one(".comment__reply")["href"] == f"/en/discussion/reply/{comment.pk}/"


def test_ordinary_comment_has_no_staff_mark(client, story):
    comment = CommentFactory(story=story)
    assert (
        story_page(client, story)
        .find("li", id=f"comment-{comment.pk}")
        .select_one(".comment__staff")
        is None
    )


def test_only_approved_comments_are_shown_and_counted(client, story):
    CommentFactory(story=story, text="shown")
    for status in ("pending", "rejected", "spam"):
        CommentFactory(story=story, text=status, status=status)
    page = story_page(client, story)
    assert page.find("h2", id="comments-heading").get_text() == "1 Comment"
    assert [t.get_text() for t in page.select(".comment__text")] == ["shown"]


def test_closed_story_shows_comments_but_no_form_and_no_reply(client, section):
    story = make_story(section, "Closed", discussion_mode=DiscussionMode.CLOSED)
    CommentFactory(story=story)
    section_tag = story_page(client, story).find("section", id="comments")
    assert section_tag.select_one(".discussion__closed").get_text() == "Comments are closed"
    assert section_tag.find("form") is None
    assert section_tag.select(".comment__reply") == []
    assert len(section_tag.select("li.comment")) == 1


def test_story_past_the_auto_close_age_shows_comments_are_closed(client, section, home):
    site_discussion_settings(close_after_days=30)
    story = make_story(section, "Last year", published_at=days_ago(31))
    assert story_page(client, story).select_one(".discussion__closed") is not None


def test_preview_has_no_discussion(client, story, admin_user):
    from django.template.loader import render_to_string

    from newsdesk.articles.services import story_context

    html = render_to_string("articles/article_page.html", story_context(story, preview=True))
    assert 'id="comments"' not in html


def test_threads_nest_to_the_configured_depth_then_say_in_reply_to(client, story, settings):
    settings.NEWSDESK_COMMENT_MAX_DEPTH = 3
    root = CommentFactory(story=story, author_name="Root")
    one = CommentFactory(story=story, parent=root, author_name="One")
    two = CommentFactory(story=story, parent=one, author_name="Two")
    three = CommentFactory(story=story, parent=two, author_name="Three")
    page = story_page(client, story)
    top = page.select_one("section#comments ol.comments")
    assert [li["id"] for li in top.find_all("li", recursive=False)] == [f"comment-{root.pk}"]
    two_item = page.find("li", id=f"comment-{two.pk}")
    assert len(two_item.find_parents("ol")) == 3
    three_item = page.find("li", id=f"comment-{three.pk}")
    assert three_item.parent is two_item.parent  # flattened at the last level, after "Two"
    assert three_item.select_one(".comment__in-reply-to").get_text() == "in reply to Two"
    assert two_item.select_one(".comment__in-reply-to") is None


def test_comments_oldest_first_newest_on_request(client, story):
    comments_in_order(story, 3)
    oldest = story_page(client, story)
    names = [n.get_text() for n in oldest.select(".comment__author")]
    newest = story_page(client, story, "?comments=newest")
    assert [n.get_text() for n in newest.select(".comment__author")] == names[::-1]
    switch = oldest.select_one(".discussion__order a[href*='comments=newest']")
    assert switch.get_text() == "Newest first"


@pytest.mark.parametrize("query", ["?comments_page=2", "?comments_page=2&comments=newest"])
def test_pagination_by_thread(client, story, settings, query):
    settings.NEWSDESK_COMMENTS_PER_PAGE = 2
    comments_in_order(story, 5)
    page = story_page(client, story, query)
    assert len(page.select("section#comments > ol.comments > li")) == 2
    nav = page.select_one(".discussion__pages")
    assert "Page 2 of 3" in nav.get_text()
    assert "#comments" in nav.find("a", rel="next")["href"]


# A NUL ("%00") is refused before any view (400): tests/test_reader_requests.py.
@pytest.mark.parametrize("value", ["abc", "0", "-3", "99999", "1e9", "9" * 5000, "%01", ""])
def test_invalid_comment_page_shows_the_first_never_an_error(client, story, settings, value):
    settings.NEWSDESK_COMMENTS_PER_PAGE = 2
    first, second, _third = comments_in_order(story, 3)
    page = story_page(client, story, f"?comments_page={value}")
    assert [li["id"] for li in page.select("section#comments > ol.comments > li")] == [
        f"comment-{first.pk}",
        f"comment-{second.pk}",
    ]


def test_story_page_sets_no_cookie_and_does_not_vary_on_cookie(client, story):
    """The same HTML for every anonymous reader: nothing in it, or its headers, per reader."""
    response = client.get(story.get_absolute_url())
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")
    assert b"csrfmiddlewaretoken" not in response.content


# Posting without JavaScript ------------------------------------------------------------------


def test_posting_redirects_to_a_page_saying_it_is_held(client, story, pre_moderated):
    response = post_comment(client, story)
    assert response.status_code == 303
    comment = Comment.objects.get()
    assert response["Location"] == f"/en/discussion/posted/{posted_token(comment.pk)}/"
    status = client.get(response["Location"])
    assert "no-cache" in status["Cache-Control"] and "no-store" in status["Cache-Control"]
    page = soup(status)
    assert page.h1.get_text() == "Your comment is waiting for a moderator"
    assert "read it before it appears" in page.select_one(".discussion__outcome").get_text()
    assert page.select_one(".discussion__back")["href"] == story.get_absolute_url() + "#comments"


def test_posted_page_links_to_a_published_comment(client, story, post_moderated):
    response = post_comment(client, story)
    comment = Comment.objects.get()
    page = soup(client.get(response["Location"]))
    assert page.h1.get_text() == "Your comment is published"
    # The link carries `comment=<id>`, an address no cache holds from before the comment.
    path = story.get_absolute_url()
    assert page.select_one(".discussion__back")["href"] == (
        f"{path}?comment={comment.pk}#comment-{comment.pk}"
    )


def test_posted_page_shows_why_a_comment_is_held(client, story, post_moderated, checks):
    checks.verdicts = [Verdict("shouting", Action.HOLD, "It is written in capitals.")]
    response = post_comment(client, story, text="LOUD")
    page = soup(client.get(response["Location"]))
    assert [li.get_text() for li in page.select(".discussion__reasons li")] == [
        "It is written in capitals."
    ]


def test_posted_page_with_a_forged_token_is_not_found(client, story):
    assert client.get("/en/discussion/posted/forged/").status_code == 404


def test_posting_stores_what_the_reader_typed(client, story, pre_moderated):
    post_comment(
        client,
        story,
        author_name="Anna Reader",
        author_email="Anna@Example.org",
        text="First line\r\nsecond line",
        notify_on_reply="on",
        headers={"User-Agent": "Mozilla/5.0 Test"},
    )
    comment = Comment.objects.get()
    assert (comment.author_name, comment.author_email) == ("Anna Reader", "anna@example.org")
    assert comment.text == "First line\nsecond line"
    assert comment.notify_on_reply and comment.story == story
    assert comment.ip_address == "127.0.0.1" and comment.language == "en"
    assert comment.user_agent == "Mozilla/5.0 Test"


def test_refused_comment_comes_back_with_the_text_and_the_reason(client, story, checks):
    checks.verdicts = [Verdict("banned_words", Action.REJECT, "It calls for violence.")]
    typed = "Every word of this\r\nmatters to me"
    response = post_comment(client, story, text=typed)
    assert response.status_code == 400
    page = soup(response)
    assert page.h1.get_text() == story.headline
    assert page.find("textarea", attrs={"name": "text"}).get_text().strip("\n") == (
        "Every word of this\r\nmatters to me"
    )
    error = page.find(id="id_text_error").get_text(" ")
    assert "goes against our comment policy" in error and "It calls for violence." in error
    assert page.find("input", attrs={"name": "author_name"})["value"] == "Anna Reader"
    assert Comment.objects.get().status == Comment.Status.REJECTED  # kept for the audit trail


def test_1500_characters_are_accepted_and_1501_refused_with_the_text_kept(client, story):
    """Emoji and CRLF count as the counter counts them."""
    accepted = "👍" * 1000 + "a\r\n" * 250
    assert post_comment(client, story, text=accepted).status_code == 303
    refused = accepted + "!"
    response = post_comment(client, story, text=refused)
    assert response.status_code == 400
    page = soup(response)
    assert page.find("textarea", attrs={"name": "text"}).get_text().strip("\n").startswith("👍👍")
    assert "1 character too long" in page.find(id="id_text_error").get_text()
    assert page.select_one("[data-counter-value]").get_text() == "-1 / 1500"
    assert "counter--over" in page.select_one("[data-counter]")["class"]
    assert Comment.objects.count() == 1


def test_missing_fields_are_marked_at_each_field(client, story):
    response = post_comment(client, story, author_name="", author_email="not-an-email")
    assert response.status_code == 400
    page = soup(response)
    name = page.find("input", attrs={"name": "author_name"})
    assert name["aria-invalid"] == "true"
    assert page.find(id="id_author_name_error").get_text() == "This field is required."
    assert page.find(id="id_author_email_error").get_text() == "Enter a valid email address."
    assert Comment.objects.count() == 0


def test_expired_form_keeps_the_text_and_gets_a_fresh_token(client, story, settings):
    settings.NEWSDESK_COMMENT_FORM_MAX_AGE = 60
    old = issue_form_token(now=timezone.now() - timedelta(minutes=5))
    response = post_comment(client, story, token=old, text="Written slowly")
    assert response.status_code == 400
    page = soup(response)
    assert "open for too long" in page.select_one(".comment-form__errors").get_text()
    assert page.find("textarea", attrs={"name": "text"}).get_text().strip() == "Written slowly"
    fresh = page.find("input", attrs={"name": "token"})["value"]
    assert fresh != old
    assert post_comment(client, story, token=fresh, text="Written slowly").status_code == 303


def test_the_same_form_sent_twice_is_stored_once(client, story, post_moderated):
    data = comment_data(client, text="Double click")
    headers = {"Origin": "http://testserver"}
    url = f"/en/discussion/stories/{story.pk}/comments/"
    first = client.post(url, data, headers=headers)
    second = client.post(url, data, headers=headers)
    assert first.status_code == second.status_code == 303
    assert first["Location"] == second["Location"]
    assert Comment.objects.count() == 1


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Referer": "https://evil.example/x"},
    ],
    ids=["none", "other origin", "null origin", "other referer"],
)
def test_posting_from_another_site_is_forbidden(client, story, headers):
    url = f"/en/discussion/stories/{story.pk}/comments/"
    response = client.post(url, comment_data(client), headers=headers)
    assert response.status_code == 403
    assert Comment.objects.count() == 0


def test_referer_is_enough_when_the_browser_sends_no_origin(client, story):
    response = post_comment(
        client,
        story,
        origin=None,
        headers={"Referer": f"http://testserver{story.get_absolute_url()}"},
    )
    assert response.status_code == 303


def test_trusted_origin_from_settings_is_accepted(client, story, settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://news.example.org"]
    assert post_comment(client, story, origin="https://news.example.org").status_code == 303


def test_posting_needs_no_csrf_cookie(story):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert post_comment(strict, story).status_code == 303


def test_posting_on_an_unpublished_story_is_not_found(client, section):
    draft = make_story(section, "Draft", publish=False)
    assert post_comment(client, draft).status_code == 404


def test_posting_to_a_closed_story_is_refused_with_the_text_kept(client, section):
    story = make_story(section, "Closed", discussion_mode=DiscussionMode.CLOSED)
    response = post_comment(client, story, text="Too late?")
    assert response.status_code == 400
    page = soup(response)
    assert "Comments are closed on this story." in page.find(id="id_text_error").get_text()
    assert page.find("form", class_="comment-form") is None
    kept = page.find("textarea", attrs={"name": "text"})
    assert kept.has_attr("readonly") and kept.get_text().strip() == "Too late?"
    assert page.select_one(".discussion__closed")


def test_staff_member_signed_in_gets_the_staff_mark(client, story, pre_moderated):
    editor = get_user_model().objects.create_user("desk", is_staff=True)
    client.force_login(editor)
    post_comment(client, story, author_name="News Desk")
    comment = Comment.objects.get()
    assert comment.is_staff_comment and comment.user == editor
    assert comment.status == Comment.Status.APPROVED


def test_get_on_the_post_address_is_not_allowed(client, story):
    assert client.get(f"/en/discussion/stories/{story.pk}/comments/").status_code == 405


# Posting with JavaScript ---------------------------------------------------------------------


def test_json_post_returns_status_message_and_the_comment_html(client, story, post_moderated):
    response = post_comment(client, story, json=True, text="Hello <b>world</b>")
    assert response.status_code == 201
    data = response.json()
    comment = Comment.objects.get()
    assert data["status"] == "published" and data["comment_id"] == comment.pk
    assert data["message"] == "Your comment is published. Thank you."
    item = soup(type("R", (), {"content": data["comment_html"].encode()})()).li
    assert item["id"] == f"comment-{comment.pk}"
    assert item.select_one(".comment__text").get_text() == "Hello <b>world</b>"
    assert data["token"] and data["status_url"].startswith("/en/discussion/posted/")
    assert data["count_heading"] == "1 Comment"


def test_json_post_gives_the_new_count_heading(client, story, post_moderated):
    post_comment(client, story, json=True, text="First.")
    data = post_comment(client, story, json=True, text="Second.").json()
    assert data["count_heading"] == "2 Comments"


def test_json_post_held_has_no_comment_html(client, story, pre_moderated):
    data = post_comment(client, story, json=True).json()
    assert data["status"] == "held" and "comment_html" not in data
    assert "count_heading" not in data


def test_json_errors_are_given_per_field(client, story):
    response = post_comment(client, story, json=True, text="x" * 1501, author_email="")
    assert response.status_code == 400
    data = response.json()
    assert data["errors"]["text"] == [
        "Comments can be up to 1500 characters long; this one is 1 character too long."
    ]
    assert data["errors"]["author_email"] == ["This field is required."]
    assert data["token"]


def test_json_refusal_gives_the_reason_at_the_comment_field(client, story, checks):
    checks.verdicts = [Verdict("banned_words", Action.REJECT, "It calls for violence.")]
    data = post_comment(client, story, json=True).json()
    assert data["errors"]["text"][-1] == "It calls for violence."


def test_token_endpoint_gives_a_fresh_uncached_token(client):
    first = client.get("/en/discussion/token/")
    second = client.get("/en/discussion/token/")
    assert first.json()["token"] != second.json()["token"]
    assert "no-store" in first["Cache-Control"]


# The reply page -----------------------------------------------------------------------------


def test_reply_page_shows_the_comment_and_a_form_replying_to_it(client, story, post_moderated):
    parent = CommentFactory(story=story, author_name="Boris", text="Original point")
    page = soup(client.get(f"/en/discussion/reply/{parent.pk}/"))
    assert page.h1.get_text() == story.headline
    assert page.select_one(".discussion__parent .comment__text").get_text() == "Original point"
    assert page.select_one(".discussion__parent .comment__reply") is None
    form = page.find("form", class_="comment-form")
    assert form.find("input", attrs={"name": "parent"})["value"] == str(parent.pk)
    assert form.select_one("[data-form-title]").get_text() == "Reply to Boris"
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"

    data = {tag["name"]: tag.get("value", "") for tag in form.find_all("input") if tag.get("name")}
    data.update(author_name="Anna", author_email="anna@example.org", text="My reply")
    data.pop("notify_on_reply")
    response = client.post(form["action"], data, headers={"Origin": "http://testserver"})
    assert response.status_code == 303
    reply = Comment.objects.get(text="My reply")
    assert reply.parent == parent and reply.depth == 1


def test_reply_page_of_a_hidden_comment_is_not_found(client, story):
    held = CommentFactory(story=story, status="pending")
    assert client.get(f"/en/discussion/reply/{held.pk}/").status_code == 404
    assert client.get("/en/discussion/reply/999999/").status_code == 404


def test_reply_to_a_comment_removed_meanwhile_keeps_the_text(client, story):
    parent = CommentFactory(story=story)
    Comment.objects.filter(pk=parent.pk).update(status="rejected")
    response = post_comment(client, story, parent=parent.pk, text="My reply")
    assert response.status_code == 400
    page = soup(response)
    assert "no longer shown" in page.select_one(".comment-form__errors").get_text()
    assert page.find("textarea", attrs={"name": "text"}).get_text().strip() == "My reply"
    assert page.find("input", attrs={"name": "parent"}).get("value", "") == ""


# The policy page ----------------------------------------------------------------------------


def test_policy_page_shows_the_editors_policy_in_the_editions_language(client):
    CommentPolicyFactory(language="en", text="<p>English rules</p>")
    CommentPolicyFactory(language="ru", summary="Кратко", text="<p>Правила по-русски</p>")
    english = soup(client.get("/en/discussion/policy/"))
    assert english.h1.get_text() == "Comment Policy"
    assert english.select_one(".policy__text").get_text(strip=True) == "English rules"
    russian = soup(client.get("/ru/discussion/policy/", headers={"Accept-Language": "en"}))
    assert russian.select_one(".policy__text").get_text(strip=True) == "Правила по-русски"
    # No Arabic policy yet: the English one.
    arabic = soup(client.get("/ar/discussion/policy/"))
    assert arabic.select_one(".policy__text").get_text(strip=True) == "English rules"


def test_policy_page_without_a_policy_shows_the_built_in_one(client):
    page = soup(client.get("/en/discussion/policy/"))
    assert "What we do not publish" in page.select_one(".policy__text").get_text()


def test_policy_summary_above_the_form_comes_from_the_editors(client, story):
    CommentPolicyFactory(language="en", summary="Keep it civil, please.")
    summary = story_page(client, story).select_one(".discussion__policy-summary")
    assert summary.get_text() == "Keep it civil, please."


def test_story_page_in_russian_pluralises_the_heading(client, home, section, story):
    from tests.common.db.articles import translate_story
    from tests.common.db.sections import make_edition, translate_section

    make_edition(home, "ru")
    translate_section(section, "ru", "Безопасность")
    russian = translate_story(story, "ru", headline="Наступление")
    CommentFactory.create_batch(2, story=russian)
    response = client.get(russian.get_absolute_url(), headers={"Accept-Language": "en"})
    assert soup(response).find("h2", id="comments-heading").get_text() == "2 комментария"


# Unsubscribing ------------------------------------------------------------------------------


def test_unsubscribe_asks_then_stops_reply_emails(client, story):
    CommentFactory.create_batch(
        2, story=story, author_email="anna@example.org", notify_on_reply=True
    )
    url = f"/en/discussion/unsubscribe/{unsubscribe_token('anna@example.org')}/"
    confirm = soup(client.get(url))
    assert confirm.find("form", method="post") is not None
    assert Comment.objects.filter(notify_on_reply=True).count() == 2
    done = soup(client.post(url))
    assert "no longer email anna@example.org" in done.get_text()
    assert Comment.objects.filter(notify_on_reply=True).count() == 0


def test_unsubscribe_with_a_forged_token_is_not_found(client):
    assert client.get("/en/discussion/unsubscribe/anna@example.org/").status_code == 404
    assert not mail.outbox


def test_behind_our_proxy_a_comment_stores_the_readers_address(client, story, settings):
    """Comments read the reader's IP as votes do, so per-IP limits and bans hit one reader."""
    settings.NEWSDESK_TRUSTED_PROXY_COUNT = 1
    post_comment(client, story, headers={"X-Forwarded-For": "203.0.113.7"}, REMOTE_ADDR="10.0.0.1")
    assert Comment.objects.get().ip_address == "203.0.113.7"
