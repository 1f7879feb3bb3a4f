"""The Moderation menu's word lists: moderators keep them, invalid patterns are refused."""

import pytest
from django.urls import reverse

from newsdesk.moderation.models import ModerationRule

pytestmark = pytest.mark.django_db


def test_moderators_keep_the_word_lists(moderator_client):
    url = reverse("wagtailsnippets_moderation_moderationrule:add")
    data = {"pattern": "уничтож*", "kind": "threat", "language": "ru", "note": "Calls to destroy"}
    assert moderator_client.post(url, {**data, "active": "on"}).status_code == 302
    bad = moderator_client.post(url, {**data, "pattern": "(kill", "is_regex": "on"})
    assert bad.status_code == 200
    assert "not a valid pattern" in bad.content.decode()
    assert list(ModerationRule.objects.values_list("pattern", flat=True)) == ["уничтож*"]
