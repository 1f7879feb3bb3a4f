"""Banned commenters in the admin: added without a comment, lifted, never edited or deleted."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from newsdesk.moderation.models import Ban, ModerationDecision
from tests.common.db.moderation import BanFactory

pytestmark = pytest.mark.django_db


def page(response) -> BeautifulSoup:
    assert response.status_code == 200, response.content[:500]
    return BeautifulSoup(response.content, "html.parser")


def test_ban_without_a_comment_and_lift_it(moderator_client):
    response = moderator_client.post(
        reverse("wagtailsnippets_moderation_ban:add"),
        {"email": "Troll@Example.org", "ip_network": "", "action": "hold", "reason": "Spam"},
    )
    assert response.status_code == 302
    ban = Ban.objects.get()
    assert ban.email == "troll@example.org"
    listing = page(moderator_client.get(reverse("wagtailsnippets_moderation_ban:list")))
    assert "troll@example.org" in listing.get_text()
    lift = reverse("wagtailsnippets_moderation_ban:lift", args=[ban.pk])
    assert "troll@example.org" in page(moderator_client.get(lift)).get_text()
    moderator_client.post(lift, {"note": "Appeal accepted"})
    ban.refresh_from_db()
    assert not ban.is_active()
    assert ModerationDecision.objects.get(action="unbanned").note == "Appeal accepted"


def test_bans_are_lifted_not_deleted_or_edited(admin_client):
    ban = BanFactory()
    admin_client.post(reverse("wagtailsnippets_moderation_ban:delete", args=[ban.pk]))
    assert Ban.objects.filter(pk=ban.pk).exists()
    edit = admin_client.get(reverse("wagtailsnippets_moderation_ban:edit", args=[ban.pk]))
    assert edit["Location"] == "/admin/"
