"""Fixtures of the moderation tests: a story with comments, a moderator, the signals sent."""

from datetime import timedelta

import pytest
from django.utils import timezone

from newsdesk.discussion.models import Comment
from newsdesk.discussion.signals import comment_published, comment_withdrawn
from newsdesk.moderation.signals import comment_edited
from tests.common.db.articles import days_ago, make_story
from tests.common.db.moderation import flagged, make_comment, make_moderator


@pytest.fixture
def story(section):
    return make_story(section, "Kremlin accused of 'massacres' in Syria", published_at=days_ago(1))


@pytest.fixture
def moderator(db):
    return make_moderator()


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


@pytest.fixture
def signals():
    """The discussion and moderation signals sent, as (name, comment).

    Services send them once the transaction commits: run the service inside
    `django_capture_on_commit_callbacks(execute=True)` to see them.
    """
    sent: list[tuple[str, object]] = []
    receivers = {
        comment_published: lambda sender, comment, **kw: sent.append(("published", comment)),
        comment_withdrawn: lambda sender, comment, **kw: sent.append(("withdrawn", comment)),
        comment_edited: lambda sender, comment, **kw: sent.append(("edited", comment)),
    }
    for signal, receiver in receivers.items():
        signal.connect(receiver, weak=False)
    yield sent
    for signal, receiver in receivers.items():
        signal.disconnect(receiver)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what is inside `with committed(execute=True):` as if its transaction committed."""
    return django_capture_on_commit_callbacks


@pytest.fixture
def queue(story):
    """A held threat, a held shouter, an approved and a spam comment."""
    return {
        "threat": make_comment(
            story,
            "This bastard Russia should be destroyed",
            author_name="Angry Reader",
            author_email="angry@example.org",
            ip_address="198.51.100.23",
            moderation_reasons=[
                flagged(
                    "threat_of_violence",
                    reason="It seems to call for violence, so a moderator will read it first.",
                    detail="“should be destroyed”",
                ),
                flagged(
                    "abusive_language",
                    reason="It seems to contain insults or slurs, so a moderator will read it "
                    "first.",
                    detail="“bastard”",
                ),
            ],
        ),
        "shouting": make_comment(
            story,
            "THIS IS AN OUTRAGE",
            author_name="Loud Larry",
            submitted_at=timezone.now() - timedelta(days=3),
            moderation_reasons=[flagged("shouting", reason="Shouting.")],
        ),
        "approved": make_comment(
            story, "The Kremlin and Russia are neo-fascists.", status=Comment.Status.APPROVED
        ),
        "spam": make_comment(story, "Cheap watches", status=Comment.Status.SPAM),
    }
