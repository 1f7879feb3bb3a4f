"""A commenter's data request answered in the admin by holders of the export permission."""

import json

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from tests.common.db.moderation import make_comment

pytestmark = pytest.mark.django_db

EXPORT = reverse("moderation_commenter_data")


def test_downloads_everything_stored_about_one_commenter(admin_client, story):
    make_comment(story, "Mine.", author_email="anna@example.org", ip_address="198.51.100.7")
    make_comment(story, "Someone else's.", author_email="ben@example.org")

    response = admin_client.get(EXPORT, {"email": "Anna@Example.org"})

    assert response.status_code == 200
    assert 'filename="commenter-data-anna-at-exampleorg.json"' in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert [(c["text"], c["ip_address"]) for c in data["comments"]] == [("Mine.", "198.51.100.7")]


def test_a_bad_address_is_answered_with_the_form_and_its_message(admin_client):
    response = admin_client.get(EXPORT, {"email": "not an address"})

    assert response.status_code == 400
    assert "Enter a valid email address." in response.content.decode()
    assert 'value="not an address"' in response.content.decode()


def test_moderators_may_not_export_unless_given_the_permission(moderator_client, moderator):
    assert moderator_client.get(EXPORT).status_code != 200
    moderator.user_permissions.add(Permission.objects.get(codename="export_commenter_data"))

    assert moderator_client.get(EXPORT).status_code == 200
    home = moderator_client.get(reverse("wagtailadmin_home")).content.decode()
    assert EXPORT in home
