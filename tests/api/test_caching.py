"""API responses are cached like pages: keys, public headers, ETag and 304, and every change to
what a response shows purges one of its keys."""

import pytest
from taggit.models import Tag

from newsdesk.discussion.models import Comment
from newsdesk.moderation.services import approve_comment
from tests.common.db.articles import make_story

pytestmark = pytest.mark.django_db


def keys_of(response) -> set[str]:
    assert response.status_code == 200, response.content
    return set(response["xkey"].split())


@pytest.fixture
def addresses(newsroom):
    story = newsroom["offensive"]
    return {
        "list": "/api/v1/stories/",
        "detail": f"/api/v1/stories/{story.pk}/",
        "ninjs": f"/api/v1/stories/{story.pk}/ninjs",
    }


def test_a_story_response_carries_the_keys_of_what_it_shows(client, newsroom, addresses):
    story = newsroom["offensive"]
    tags = Tag.objects.filter(name__in=["Syria", "Turkey"])
    expected = {
        "nav",
        f"story-{story.pk}",
        f"comments-{story.pk}",
        f"author-{newsroom['reporter'].pk}-byline",
        f"agency-{newsroom['afp'].pk}",
        *(f"tag-{tag.pk}-label" for tag in tags),
        f"photo-{newsroom['lead'].pk}",
    }
    assert keys_of(client.get(addresses["detail"])) == expected | {f"photo-{newsroom['inline'].pk}"}
    assert keys_of(client.get(addresses["ninjs"])) == expected | {f"photo-{newsroom['inline'].pk}"}
    listed = keys_of(client.get(addresses["list"]))
    assert expected | {"feed", f"story-{newsroom['wire'].pk}"} <= listed


def test_responses_are_public_with_an_etag_and_answer_304(client, addresses):
    response = client.get(addresses["list"])
    assert "public" in response["Cache-Control"] and "s-maxage" in response["Cache-Control"]
    etag = response["ETag"]
    again = client.get(addresses["list"], HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""


def test_errors_are_not_cached(client, newsroom):
    for address in ("/api/v1/stories/?limit=0", "/api/v1/stories/987654/"):
        response = client.get(address)
        assert "xkey" not in response
        assert "public" not in response.get("Cache-Control", "")


def purged_after(purges, capture, change) -> set[str]:
    purges.purges.clear()
    with capture(execute=True):
        change()
    return purges.purged_keys()


@pytest.mark.parametrize("address", ["list", "detail", "ninjs"])
def test_editing_the_story_purges_every_response_showing_it(
    client, newsroom, addresses, address, purges, django_capture_on_commit_callbacks
):
    shown = keys_of(client.get(addresses[address]))
    story = newsroom["offensive"]

    def edit():
        story.headline = "Offensive enters its fourth day"
        story.save_revision().publish()

    assert shown & purged_after(purges, django_capture_on_commit_callbacks, edit)


def test_a_new_story_purges_the_lists(
    client, section, newsroom, addresses, purges, django_capture_on_commit_callbacks
):
    shown = keys_of(client.get(addresses["list"]))
    purged = purged_after(
        purges,
        django_capture_on_commit_callbacks,
        lambda: make_story(section, "Breaking", byline=[newsroom["reporter"]]),
    )
    assert shown & purged


@pytest.mark.parametrize(
    "change",
    ["comment", "author", "agency", "tag", "photo", "section"],
)
def test_changes_to_what_a_story_shows_purge_its_responses(
    client, newsroom, addresses, change, purges, django_capture_on_commit_callbacks, admin_user
):
    comment = Comment.objects.create(
        story=newsroom["offensive"],
        author_name="Late",
        author_email="late@example.org",
        text="Pending",
        status=Comment.Status.PENDING,
    )
    responses = {name: keys_of(client.get(a)) for name, a in addresses.items()}

    def make_change():
        if change == "comment":
            approve_comment(admin_user, comment)
        elif change == "author":
            newsroom["reporter"].name = "Aisha K."
            newsroom["reporter"].save()
        elif change == "agency":
            newsroom["afp"].name = "AFP"
            newsroom["afp"].save()
        elif change == "tag":
            tag = Tag.objects.get(name="Syria")
            tag.name = "Syrian Arab Republic"
            tag.save()
        elif change == "photo":
            newsroom["lead"].caption = "A new caption."
            newsroom["lead"].save()
        elif change == "section":
            newsroom["security"].title = "Security and defence"
            newsroom["security"].save_revision().publish()

    purged = purged_after(purges, django_capture_on_commit_callbacks, make_change)
    for name, keys in responses.items():
        assert keys & purged, f"{change} purged none of the keys of the {name} response"


def test_new_authors_and_agencies_purge_their_lists(
    client, newsroom, purges, django_capture_on_commit_callbacks
):
    from tests.common.db.bylines import AgencyFactory, AuthorFactory

    authors = keys_of(client.get("/api/v1/authors/"))
    agencies = keys_of(client.get("/api/v1/agencies/"))
    assert authors & purged_after(purges, django_capture_on_commit_callbacks, AuthorFactory)
    assert agencies & purged_after(
        purges, django_capture_on_commit_callbacks, lambda: AgencyFactory(short_name="Reuters")
    )


def test_a_response_is_served_from_the_page_cache_until_a_change_purges_it(
    newsroom, addresses, purges, django_capture_on_commit_callbacks
):
    """Through the WSGI hit path as in production: stored, served without Django, purged."""
    from tests.delivery.conftest import WSGIClient

    client = WSGIClient()
    assert client.get(addresses["detail"])["X-Newsdesk-Cache"] == "miss"
    assert client.get(addresses["detail"])["X-Newsdesk-Cache"] == "hit"
    story = newsroom["offensive"]
    with django_capture_on_commit_callbacks(execute=True):
        story.headline = "A corrected headline"
        story.save_revision().publish()
    after = client.get(addresses["detail"])
    assert after["X-Newsdesk-Cache"] == "miss"
    assert b"A corrected headline" in after.content
