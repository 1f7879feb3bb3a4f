"""The password form of a private section page."""

import pytest
from wagtail.models import PageViewRestriction

from tests.common.db.sections import make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def private(home):
    section = make_section(home, "Members")
    restriction = PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.PASSWORD, password="letmein"
    )
    return section, f"/_util/authenticate_with_password/{restriction.pk}/{section.pk}/"


@pytest.mark.parametrize("return_url", ["abc", "", "wagtail_serve", "javascript:alert(1)"])
def test_an_altered_return_address_leads_to_the_private_page(client, private, return_url):
    """Wagtail took "abc" for a URL name to reverse: a 500."""
    section, form_url = private
    response = client.post(form_url, {"password": "letmein", "return_url": return_url})
    assert response.status_code == 302
    assert response["Location"] == section.url
    assert client.get(section.url).status_code == 200


def test_the_return_address_wagtail_wrote_is_kept(client, private):
    _section, form_url = private
    response = client.post(form_url, {"password": "letmein", "return_url": "/members/?page=2"})
    assert response["Location"] == "/members/?page=2"


def test_a_wrong_password_shows_the_form_again(client, private):
    section, form_url = private
    response = client.post(form_url, {"password": "nope", "return_url": section.url})
    assert response.status_code == 200
    assert b"not correct" in response.content
