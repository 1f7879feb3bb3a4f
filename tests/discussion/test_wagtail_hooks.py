"""Editors write the comment policy, per language, in the Wagtail admin."""

import json

import pytest
from django.contrib.auth.models import Group

from newsdesk.discussion.models import CommentPolicy

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", password="x")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def test_an_editor_adds_a_policy_in_the_admin(client, editor, home):
    client.force_login(editor)
    listing = client.get("/admin/snippets/discussion/commentpolicy/")
    assert listing.status_code == 200
    response = client.post(
        "/admin/snippets/discussion/commentpolicy/add/",
        {
            "language": "fr",
            "summary": "Restez courtois.",
            "text": json.dumps(
                {
                    "blocks": [
                        {
                            "key": "a",
                            "type": "unstyled",
                            "depth": 0,
                            "text": "Nos règles",
                            "inlineStyleRanges": [],
                            "entityRanges": [],
                        }
                    ],
                    "entityMap": {},
                }
            ),
        },
    )
    assert response.status_code == 302, response.content[:2000]
    policy = CommentPolicy.objects.get(language="fr")
    assert policy.summary == "Restez courtois." and "Nos règles" in policy.text


def test_site_settings_page_offers_the_discussion_settings(admin_client, home):
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    response = admin_client.get(f"/admin/settings/discussion/discussionsettings/{site.pk}/")
    assert response.status_code == 200
    assert b"close_after_days" in response.content
