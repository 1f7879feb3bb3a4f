"""The content API as a partner sees it: what it lists, how it filters, pages and fails."""

from datetime import timedelta

import pytest
from django.utils import timezone

from newsdesk.api import services
from tests.common.db.articles import days_ago, make_story
from tests.common.db.bylines import AuthorFactory

pytestmark = pytest.mark.django_db


def headlines(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [story["headline"] for story in response.json()["results"]]


def bad_parameters(response) -> dict[str, str]:
    assert response.status_code == 400, response.content
    assert response["Content-Type"].startswith("application/json")
    return {e["parameter"]: e["message"] for e in response.json()["errors"]}


def test_the_list_shows_published_stories_newest_first(client, newsroom):
    response = client.get("/api/v1/stories/")
    assert headlines(response) == [
        "Offensive enters its third day",
        "Ministers meet on border crossings",
        "Agency copy only",
    ]
    first = response.json()["results"][0]
    assert first["byline"] == "Aisha Karimova and AFP"
    assert first["agencies"] == [
        {"id": newsroom["afp"].pk, "name": "Agence France-Presse", "short_name": "AFP"}
    ]
    assert first["comment_count"] == 2  # approved only, as the story page counts
    assert first["section"]["slug"] == "security" and first["language"] == "en"
    assert first["lead_photo"]["alt_text"] == newsroom["lead"].alt_text
    assert {r["content_type"] for r in first["lead_photo"]["renditions"]} == {
        "image/webp",
        "image/jpeg",
    }
    assert first["web_url"] == "http://testserver" + newsroom["offensive"].get_absolute_url()


def test_a_draft_or_unpublished_story_is_not_shown(client, newsroom):
    assert client.get(f"/api/v1/stories/{newsroom['draft'].pk}/").status_code == 404
    newsroom["wire"].unpublish()
    assert client.get(f"/api/v1/stories/{newsroom['wire'].pk}/").status_code == 404
    assert "Agency copy only" not in headlines(client.get("/api/v1/stories/"))


def test_the_detail_has_body_photos_and_corrections(client, newsroom):
    story = newsroom["offensive"]
    data = client.get(f"/api/v1/stories/{story.pk}/").json()
    assert "<p>The first paragraph.</p>" in data["body_html"]
    assert [p["id"] for p in data["photos"]] == [newsroom["inline"].pk]
    assert data["corrections"] == []
    assert data["ninjs_url"] == f"http://testserver/api/v1/stories/{story.pk}/ninjs"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("section=politics", ["Ministers meet on border crossings"]),
        (
            "author=aisha-karimova",
            ["Offensive enters its third day", "Ministers meet on border crossings"],
        ),
        ("agency=afp", ["Offensive enters its third day", "Agency copy only"]),
        ("tag=turkey", ["Offensive enters its third day", "Ministers meet on border crossings"]),
        ("tag=syria&section=security", ["Offensive enters its third day"]),
        (
            "language=en",
            [
                "Offensive enters its third day",
                "Ministers meet on border crossings",
                "Agency copy only",
            ],
        ),
        ("language=ru", []),
        ("section=no-such-section", []),
        (
            "ordering=published",
            [
                "Agency copy only",
                "Ministers meet on border crossings",
                "Offensive enters its third day",
            ],
        ),
        (
            "ordering=headline",
            [
                "Agency copy only",
                "Ministers meet on border crossings",
                "Offensive enters its third day",
            ],
        ),
    ],
)
def test_filters_and_ordering(client, newsroom, query, expected):
    assert headlines(client.get(f"/api/v1/stories/?{query}")) == expected


def test_date_range(client, newsroom):
    after = (timezone.now() - timedelta(days=4)).isoformat()
    before = (timezone.now() - timedelta(days=2)).isoformat()
    response = client.get(
        "/api/v1/stories/", {"published_after": after, "published_before": before}
    )
    assert headlines(response) == ["Ministers meet on border crossings"]
    # A date alone is midnight in the site's time zone.
    day = (timezone.now() - timedelta(days=2)).date().isoformat()
    assert headlines(client.get(f"/api/v1/stories/?published_before={day}")) == [
        "Ministers meet on border crossings",
        "Agency copy only",
    ]


def test_modified_after_finds_stories_republished_since(client, newsroom):
    since = timezone.now()
    newsroom["wire"].save_revision().publish()
    response = client.get("/api/v1/stories/", {"modified_after": since.isoformat()})
    assert headlines(response) == ["Agency copy only"]


@pytest.mark.parametrize(
    ("query", "parameter", "says"),
    [
        ("limit=0", "limit", "greater than or equal to 1"),
        ("limit=101", "limit", "less than or equal to 100"),
        ("limit=ten", "limit", "valid integer"),
        ("ordering=random", "ordering", "-published"),
        ("published_after=yesterday", "published_after", "datetime"),
        ("published_after=2026-05-01&published_before=2026-04-01", "published_after", "later"),
        ("language=xx", "language", "unknown language"),
        ("language=%3Cscript%3E", "language", "pattern"),
        ("section=a%20b", "section", "pattern"),
        ("cursor=abc", "cursor", "not a cursor"),
        ("cursor=" + "A" * 1001, "cursor", "at most 1000"),
        ("tag=x&tag=y", "tag", "more than once"),
        ("page=2", "page", "not a parameter here"),
    ],
)
def test_a_bad_parameter_is_a_400_that_names_it(client, newsroom, query, parameter, says):
    errors = bad_parameters(client.get(f"/api/v1/stories/?{query}"))
    assert parameter in errors
    assert says in errors[parameter]


def test_a_cursor_from_another_ordering_is_refused(client, newsroom):
    cursor = client.get("/api/v1/stories/?limit=1").json()["next_cursor"]
    errors = bad_parameters(
        client.get(f"/api/v1/stories/?limit=1&ordering=headline&cursor={cursor}")
    )
    assert "another ordering" in errors["cursor"]


@pytest.mark.parametrize(
    "address",
    [
        "/api/v1/stories/0/",
        "/api/v1/stories/99999999999999999999/",
        "/api/v1/sections/?limit=3",
        "/api/v1/stories/1/?x=1",
    ],
)
def test_bad_ids_and_parameters_elsewhere_are_400s(client, newsroom, address):
    assert client.get(address).status_code == 400


def test_missing_things_are_404s_in_json(client, newsroom):
    response = client.get("/api/v1/stories/987654/")
    assert response.status_code == 404
    assert response.json()["detail"] == "No published story has this id."
    assert client.get("/api/v1/sections/987654/").status_code == 404
    assert client.get("/api/v1/authors/987654/").status_code == 404
    # A photo only in a draft is not shown.
    draft_photo = newsroom["draft"]
    assert client.get(f"/api/v1/photos/{newsroom['inline'].pk + 1000}/").status_code == 404
    assert draft_photo.live is False


def test_cursor_pages_walk_the_whole_list_without_repeats(client, section, newsroom):
    for n in range(7):
        make_story(section, f"Brief {n}", byline=[newsroom["reporter"]], published_at=days_ago(2))
    seen, address = [], "/api/v1/stories/?limit=3"
    while address:
        data = client.get(address).json()
        seen += [story["id"] for story in data["results"]]
        address = data["next"]
    assert len(seen) == len(set(seen)) == 10
    # Same timestamps are told apart by id: the seven briefs share a publication time.
    assert seen == [
        s.pk
        for s in services.filtered(services.StoryFilters()).order_by("-first_published_at", "-pk")
    ]


def test_a_story_published_while_paging_does_not_shift_the_next_page(client, section, newsroom):
    first = client.get("/api/v1/stories/?limit=2").json()
    make_story(section, "Breaking", byline=[newsroom["reporter"]])
    second = client.get(first["next"]).json()
    assert [s["headline"] for s in second["results"]] == ["Agency copy only"]


def test_filters_are_kept_in_the_next_address(client, newsroom):
    data = client.get("/api/v1/stories/?author=aisha-karimova&limit=1").json()
    assert "author=aisha-karimova" in data["next"]
    assert headlines(client.get(data["next"])) == ["Ministers meet on border crossings"]
    assert client.get(data["next"]).json()["next"] is None


def test_other_lists(client, newsroom):
    sections = client.get("/api/v1/sections/").json()["results"]
    assert [s["slug"] for s in sections] == ["security", "politics"]
    tags = client.get("/api/v1/tags/").json()["results"]
    assert [t["slug"] for t in tags] == ["syria", "turkey"]
    agencies = client.get("/api/v1/agencies/").json()["results"]
    assert [a["short_name"] for a in agencies] == ["AFP"]
    AuthorFactory(name="Zed Last")
    authors = client.get("/api/v1/authors/?limit=1").json()
    assert [a["name"] for a in authors["results"]] == ["Aisha Karimova"]
    assert [a["name"] for a in client.get(authors["next"]).json()["results"]] == ["Zed Last"]


def test_a_tag_only_on_a_draft_is_not_listed(client, newsroom):
    newsroom["draft"].tags.add("Secret plans")
    newsroom["draft"].save()
    assert "secret-plans" not in [t["slug"] for t in client.get("/api/v1/tags/").json()["results"]]


def test_photo_detail(client, newsroom):
    data = client.get(f"/api/v1/photos/{newsroom['lead'].pk}/").json()
    assert data["credit"] == "Jane Doe/AFP" and data["renditions"]


def test_the_openapi_document_and_docs_page(client):
    schema = client.get("/api/openapi.json").json()
    assert "/api/v1/stories/" in schema["paths"]
    assert "/api/v1/stories/{story_id}/ninjs" in schema["paths"]
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    body = docs.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in body
    assert "cdn" not in body.lower()
    policy = {
        part.split()[0]: part.split()[1:] for part in docs["Content-Security-Policy"].split("; ")
    }
    # The readers' policy, with data: images for Swagger UI's icons (tests/browser/).
    assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
