"""Approve, reject or mark as spam many comments at once from the queue."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from newsdesk.discussion.models import Comment
from newsdesk.moderation.models import ModerationDecision

pytestmark = pytest.mark.django_db

QUEUE = reverse("wagtailsnippets_discussion_comment:list")


def page(response) -> BeautifulSoup:
    assert response.status_code == 200, response.content[:500]
    return BeautifulSoup(response.content, "html.parser")


def bulk_url(action: str, *comments) -> str:
    ids = "&".join(f"id={c.pk}" for c in comments)
    return reverse("wagtail_bulk_action", args=("discussion", "comment", action)) + (
        f"?{ids}&next={QUEUE}"
    )


@pytest.mark.parametrize(
    ("action", "status"),
    [("approve", "approved"), ("reject", "rejected"), ("spam", "spam")],
)
def test_bulk_actions(moderator_client, moderator, queue, action, status):
    comments = [queue["threat"], queue["shouting"]]
    confirm = page(moderator_client.get(bulk_url(action, *comments)))
    assert "THIS IS AN OUTRAGE" in confirm.get_text()
    response = moderator_client.post(bulk_url(action, *comments))
    assert response["Location"] == QUEUE
    assert {c.status for c in Comment.objects.filter(pk__in=[c.pk for c in comments])} == {status}
    lines = ModerationDecision.objects.filter(comment__in=comments, action=status)
    assert lines.count() == 2
    assert {line.actor for line in lines} == {moderator}


@pytest.mark.parametrize("client_fixture", ["moderator_client", "admin_client"])
def test_bulk_actions_are_offered_in_the_queue_without_delete(request, client_fixture, queue):
    client = request.getfixturevalue(client_fixture)
    html = page(client.get(QUEUE))
    labels = [b.get_text(strip=True) for b in html.select("[data-bulk-action-button]")]
    assert {"Approve", "Reject", "Mark as spam"} <= set(labels)
    # Comments are rejected, never deleted: no button that can only answer "you may not".
    assert "Delete" not in labels
    assert not html.select('[data-bulk-action-button][href*="/delete/"]')


def test_bulk_select_all_acts_on_pending_comments_only(moderator_client, queue):
    url = reverse("wagtail_bulk_action", args=("discussion", "comment", "reject")) + "?id=all"
    moderator_client.post(url)
    assert Comment.objects.get(pk=queue["approved"].pk).status == Comment.Status.APPROVED
    assert Comment.objects.get(pk=queue["spam"].pk).status == Comment.Status.SPAM
    assert Comment.objects.get(pk=queue["threat"].pk).status == Comment.Status.REJECTED


def test_comments_cannot_be_deleted_in_bulk(admin_client, queue):
    admin_client.post(bulk_url("delete", queue["threat"]))
    assert Comment.objects.filter(pk=queue["threat"].pk).exists()
