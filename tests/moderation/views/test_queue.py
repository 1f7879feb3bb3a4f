"""The moderation queue as moderators use it: who sees it, the list and its filters, decisions
one at a time, inspecting, editing and banning from a comment."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from newsdesk.discussion.models import Comment, CommentEdit
from newsdesk.moderation.models import Ban, ModerationDecision
from tests.common.db.articles import make_story
from tests.common.db.moderation import flagged, make_comment

pytestmark = pytest.mark.django_db

QUEUE = reverse("wagtailsnippets_discussion_comment:list")


def page(response) -> BeautifulSoup:
    assert response.status_code == 200, response.content[:500]
    return BeautifulSoup(response.content, "html.parser")


def listed(response) -> list[str]:
    """The comment texts in the queue's rows."""
    return [
        a.get_text(strip=True) for a in page(response).select("tbody td.title .title-wrapper a")
    ]


def moderate_url(comment, decision, next_url="") -> str:
    url = reverse("wagtailsnippets_discussion_comment:moderate", args=[comment.pk, decision])
    return f"{url}?next={next_url}" if next_url else url


# Who may see the queue


def test_moderator_sees_the_queue_and_cannot_edit_stories(moderator_client, story, queue):
    """A moderator moderates without being able to edit stories."""
    assert moderator_client.get(QUEUE).status_code == 200
    stories = moderator_client.get(reverse("wagtailsnippets_articles_article:list"))
    editor = moderator_client.get(reverse("wagtailsnippets_articles_article:edit", args=[story.pk]))
    assert (stories.status_code, stories["Location"]) == (302, "/admin/")
    assert (editor.status_code, editor["Location"]) == (302, "/admin/")


def test_readers_cannot_see_the_queue(client, django_user_model, queue):
    assert client.get(QUEUE).status_code == 302
    client.force_login(django_user_model.objects.create_user("reader"))
    assert client.get(QUEUE).status_code == 302
    assert b"angry@example.org" not in client.get(QUEUE, follow=True).content


def test_admin_without_the_comment_permission_is_refused(client, django_user_model, queue):
    from django.contrib.auth.models import Permission

    editor = django_user_model.objects.create_user("ed")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get(QUEUE)["Location"] == "/admin/"
    response = client.post(moderate_url(queue["threat"], "approve"))
    assert response.status_code in (302, 403)
    assert Comment.objects.get(pk=queue["threat"].pk).status == Comment.Status.PENDING


# The list


def test_queue_shows_pending_comments_by_default_longest_waiting_first(moderator_client, queue):
    assert listed(moderator_client.get(QUEUE)) == [
        "THIS IS AN OUTRAGE",
        "This bastard Russia should be destroyed",
    ]


def test_queue_shows_every_reason_and_the_commenters_details(moderator_client, queue):
    html = page(moderator_client.get(QUEUE))
    row = html.find(string="This bastard Russia should be destroyed").find_parent("tr")
    reasons = [li["data-check"] for li in row.select("li[data-check]")]
    assert reasons == ["threat_of_violence", "abusive_language"]
    text = row.get_text(" ", strip=True)
    assert "Threat of violence" in text and "“should be destroyed”" in text
    assert "angry@example.org" in text and "198.51.100.23" in text


@pytest.mark.parametrize(
    ("status", "texts"),
    [
        ("approved", ["The Kremlin and Russia are neo-fascists."]),
        ("spam", ["Cheap watches"]),
        ("rejected", []),
    ],
)
def test_status_filter(moderator_client, queue, status, texts):
    assert listed(moderator_client.get(QUEUE, {"status": status})) == texts


def test_any_status(moderator_client, queue):
    assert len(listed(moderator_client.get(QUEUE, {"status": "all"}))) == 4


def test_filter_by_story(moderator_client, queue, section):
    other = make_story(section, "Another story")
    make_comment(other, "On the other story")
    assert listed(moderator_client.get(QUEUE, {"story": other.pk})) == ["On the other story"]


def test_filter_by_date(moderator_client, queue):
    today = timezone.localdate().isoformat()
    texts = listed(moderator_client.get(QUEUE, {"submitted_at_from": today}))
    assert texts == ["This bastard Russia should be destroyed"]


def test_filter_by_reason(moderator_client, queue):
    """The check names inside moderation_reasons filter on SQLite and PostgreSQL alike."""
    assert listed(moderator_client.get(QUEUE, {"reason": "shouting"})) == ["THIS IS AN OUTRAGE"]
    assert listed(moderator_client.get(QUEUE, {"reason": "abusive_language"})) == [
        "This bastard Russia should be destroyed"
    ]
    assert listed(moderator_client.get(QUEUE, {"reason": "too_many_links"})) == []


@pytest.mark.parametrize("term", ["angry@example", "Angry Read", "198.51.100"])
def test_filter_by_commenter(moderator_client, queue, term):
    assert listed(moderator_client.get(QUEUE, {"commenter": term})) == [
        "This bastard Russia should be destroyed"
    ]


def test_search_the_text(moderator_client, queue):
    assert listed(moderator_client.get(QUEUE, {"q": "outrage"})) == ["THIS IS AN OUTRAGE"]


def test_queue_query_count_does_not_grow_with_comments(moderator_client, story):
    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            moderator_client.get(QUEUE)
        return len(queries)

    make_comment(story, moderation_reasons=[flagged("shouting")])
    few = count_queries()
    for _ in range(10):
        make_comment(story, moderation_reasons=[flagged("shouting")])
    assert count_queries() == few


# One at a time


def test_approve_from_the_list_with_one_post(moderator_client, moderator, queue):
    comment = queue["threat"]
    response = moderator_client.post(moderate_url(comment, "approve", QUEUE))
    assert response["Location"] == QUEUE
    comment.refresh_from_db()
    assert (comment.status, comment.moderated_by) == (Comment.Status.APPROVED, moderator)
    line = ModerationDecision.objects.get(comment=comment)
    assert (line.action, line.actor) == ("approved", moderator)


def test_without_javascript_a_confirmation_page_comes_first(moderator_client, queue):
    comment = queue["threat"]
    html = page(moderator_client.get(moderate_url(comment, "reject")))
    assert "This bastard Russia should be destroyed" in html.get_text()
    assert html.select_one("form[method=post] textarea[name=note]") is not None
    assert Comment.objects.get(pk=comment.pk).status == Comment.Status.PENDING
    moderator_client.post(moderate_url(comment, "reject"), {"note": "Incitement"})
    assert Comment.objects.get(pk=comment.pk).status == Comment.Status.REJECTED
    assert ModerationDecision.objects.get(comment=comment).note == "Incitement"


def test_mark_spam_and_the_list_row_buttons(moderator_client, queue):
    html = page(moderator_client.get(QUEUE))
    row = html.find(string="THIS IS AN OUTRAGE").find_parent("tr")
    posts = [a["data-w-action-url-value"] for a in row.select("[data-action='w-action#post']")]
    assert [url.split("?")[0].rstrip("/").rsplit("/", 1)[-1] for url in posts] == [
        "approve",
        "reject",
        "spam",
    ]
    moderator_client.post(posts[2])
    assert Comment.objects.get(pk=queue["shouting"].pk).status == Comment.Status.SPAM


def test_unknown_decision_is_not_found(moderator_client, queue):
    assert moderator_client.post(moderate_url(queue["threat"], "delete")).status_code == 404


def test_redirect_only_to_this_site(moderator_client, queue):
    response = moderator_client.post(
        moderate_url(queue["threat"], "approve", "https://evil.example/")
    )
    assert response["Location"] == QUEUE


# Inspect and edit


def test_inspect_shows_everything_a_moderator_needs(moderator_client, moderator, queue):
    from newsdesk.moderation import services

    comment = queue["threat"]
    services.edit_comment(moderator, comment, author_name="Angry Reader", text="Russia should go.")
    url = reverse("wagtailsnippets_discussion_comment:inspect", args=[comment.pk])
    text = page(moderator_client.get(url)).get_text(" ", strip=True)
    for expected in (
        "Threat of violence",
        "Abusive language",
        "“bastard”",
        "angry@example.org",
        "198.51.100.23",
        "This bastard Russia should be destroyed",  # the edit's "before"
        "Russia should go.",
        "Edited",
    ):
        assert expected in text, expected


def test_edit_records_the_change(moderator_client, moderator, queue):
    comment = queue["threat"]
    url = reverse("wagtailsnippets_discussion_comment:edit", args=[comment.pk])
    response = moderator_client.post(url, {"author_name": "A. Reader", "text": "Russia [edited]"})
    assert response.status_code == 302
    edit = CommentEdit.objects.get(comment=comment)
    assert (edit.editor, edit.name_before, edit.name_after) == (
        moderator,
        "Angry Reader",
        "A. Reader",
    )
    assert (edit.text_before, edit.text_after) == (
        "This bastard Russia should be destroyed",
        "Russia [edited]",
    )
    assert ModerationDecision.objects.get(comment=comment).action == "edited"
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_comments_are_not_added_or_deleted_in_the_admin(admin_client, queue):
    assert admin_client.get(reverse("wagtailsnippets_discussion_comment:add"))["Location"] == (
        "/admin/"
    )
    delete = reverse("wagtailsnippets_discussion_comment:delete", args=[queue["threat"].pk])
    admin_client.post(delete)
    assert Comment.objects.filter(pk=queue["threat"].pk).exists()


# Banning from a comment


def test_ban_a_commenter_from_a_comment(moderator_client, moderator, queue):
    comment = queue["threat"]
    url = reverse("wagtailsnippets_discussion_comment:ban", args=[comment.pk])
    form = page(moderator_client.get(url))
    assert "198.51.100.0/24" in form.get_text()
    response = moderator_client.post(
        url,
        {
            "by_email": "on",
            "by_ip": "network",
            "action": "drop",
            "reason": "Incitement",
            "days": 30,
        },
    )
    assert response.status_code == 302
    ban = Ban.objects.get()
    assert (ban.email, ban.ip_network, ban.action, ban.comment) == (
        "angry@example.org",
        "198.51.100.0/24",
        "drop",
        comment,
    )
    assert ban.expires_at > timezone.now() + timedelta(days=29)
    assert ModerationDecision.objects.get(action="banned").actor == moderator


def test_ban_form_needs_an_email_or_an_address(moderator_client, queue):
    url = reverse("wagtailsnippets_discussion_comment:ban", args=[queue["threat"].pk])
    response = moderator_client.post(url, {"by_ip": "", "action": "hold"})
    assert response.status_code == 200
    assert not Ban.objects.exists()


# The abuse score


def test_queue_shows_the_score_and_sorts_by_it(moderator_client, story):
    make_comment(story, "Mild disagreement", moderation_score=0.31)
    make_comment(story, "Not scored at all")
    make_comment(story, "Very rude", moderation_score=0.97)
    make_comment(story, "Somewhat rude", moderation_score=0.62)
    highest_first = moderator_client.get(QUEUE, {"ordering": "-moderation_score"})
    assert listed(highest_first) == [
        "Very rude",
        "Somewhat rude",
        "Mild disagreement",
        "Not scored at all",
    ]
    lowest_first = moderator_client.get(QUEUE, {"ordering": "moderation_score"})
    assert listed(lowest_first)[:3] == ["Mild disagreement", "Somewhat rude", "Very rude"]
    assert listed(lowest_first)[-1] == "Not scored at all"
    cells = [td.get_text(strip=True) for td in page(highest_first).select("td[data-score]")]
    assert cells == ["0.97", "0.62", "0.31", "Not scored"]


def test_inspect_shows_the_score_and_the_model_of_each_decision(moderator_client, story):
    from newsdesk.moderation.audit import record_decision

    comment = make_comment(story, "Very rude", moderation_score=0.97)
    record_decision(comment, "held", score=0.97, model_version="20261201-1")
    soup = page(
        moderator_client.get(
            reverse("wagtailsnippets_discussion_comment:inspect", args=[comment.pk])
        )
    )
    assert soup.select_one(".moderation-score").get_text(strip=True) == "0.97"
    assert "score 0.97, model 20261201-1" in soup.get_text(" ", strip=True)


def test_a_moderators_decision_keeps_the_score_and_model_version(moderator, story):
    from newsdesk.moderation import services
    from newsdesk.moderation.audit import record_decision

    comment = make_comment(story, "Very rude", moderation_score=0.97)
    record_decision(comment, "held", score=0.97, model_version="20261201-1")
    services.reject_comment(moderator, comment)
    line = ModerationDecision.objects.filter(comment=comment, actor=moderator).get()
    assert (line.action, line.score, line.model_version) == ("rejected", 0.97, "20261201-1")
