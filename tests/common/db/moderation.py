"""Test data of the moderation app: comments made with the ORM, bans, word lists, moderators."""

from datetime import datetime, timedelta
from itertools import count

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from newsdesk.discussion.models import Comment
from newsdesk.moderation.models import Ban, ModerationRule
from newsdesk.moderation.roles import MODERATORS_GROUP
from newsdesk.moderation.verdicts import Submission

_numbers = count(1)


def make_comment(story, text: str = "A considered comment on the story.", **fields) -> Comment:
    """A stored comment on `story`, pending unless `status` says otherwise."""
    n = next(_numbers)
    values = {
        "author_name": f"Reader {n}",
        "author_email": f"reader{n}@example.org",
        "status": Comment.Status.PENDING,
        "ip_address": f"203.0.113.{n % 250 + 1}",
        "user_agent": "Mozilla/5.0 (test)",
        "submitted_at": timezone.now(),
    }
    values.update(fields)
    return Comment.objects.create(story=story, text=text, **values)


def flagged(check: str, action: str = "hold", reason: str = "Flagged.", **extra) -> dict:
    """One entry of Comment.moderation_reasons, as the pipeline stores it."""
    return {"check": check, "action": action, "reason": reason, **extra}


def submission(story_id: int = 1, text: str = "A considered comment.", **fields) -> Submission:
    """A submission as the discussion form hands it to the pipeline."""
    now = fields.pop("submitted_at", None) or timezone.now()
    values = {
        "author_name": "Anna Reader",
        "author_email": "anna@example.org",
        "ip_address": "198.51.100.7",
        "form_rendered_at": now - timedelta(seconds=30),
        "submitted_at": now,
    }
    values.update(fields)
    return Submission(story_id=story_id, text=text, **values)


def make_moderator(username: str = "moira", email: str = "moira@example.org", **fields):
    """A user in the Comment moderators group the migrations created."""
    user = get_user_model().objects.create_user(
        username=username, email=email, password="pw", **fields
    )
    user.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    return user


class BanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ban

    email = factory.Sequence(lambda n: f"banned{n}@example.org")
    action = Ban.Action.HOLD
    reason = "Repeated abuse."


class ModerationRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ModerationRule

    pattern = factory.Sequence(lambda n: f"badword{n}")
    kind = ModerationRule.Kind.BANNED


def minutes_ago(minutes: float) -> datetime:
    return timezone.now() - timedelta(minutes=minutes)
