"""A story covered live: its entries in the API, newest first, a page at a time."""

import pytest

from newsdesk.live import services
from tests.common.db.articles import make_story, paragraph
from tests.common.db.bylines import AgencyFactory, AuthorFactory
from tests.common.db.live import make_coverage, make_editor, post
from tests.common.db.photos import PhotoFactory

pytestmark = pytest.mark.django_db

# The coverage with its story, the entries, their authors, their photos and renditions.
LIVE_QUERIES = 5


def address(coverage) -> str:
    return f"/api/v1/stories/{coverage.story_id}/live/"


@pytest.fixture
def editor():
    return make_editor()


def test_entries_come_newest_first_with_credits_corrections_and_withdrawals(
    client, section, editor
):
    coverage = make_coverage(section, editor=editor)
    reporter, agency, photo = AuthorFactory(name="Aida Nurlanova"), AgencyFactory(), PhotoFactory()
    first = post(
        coverage,
        editor,
        "Shelling reported near the border.",
        authors=[reporter],
        agency=agency,
        key_event=True,
    )
    second = post(coverage, editor, "Twelve killed, the ministry says.")
    second = services.edit_entry(
        second,
        editor,
        version=second.version,
        body=[paragraph("Fourteen killed, the ministry says.")],
        correction_note="An earlier version said twelve.",
    )
    third = services.write_entry(
        coverage,
        editor,
        body=[paragraph("Unconfirmed report."), ("photo", {"photo": photo, "caption": "Smoke"})],
        post=True,
    )
    services.withdraw_entry(third, editor, version=third.version, note="Could not be confirmed.")

    answer = client.get(address(coverage))
    assert answer.status_code == 200
    data = answer.json()
    assert data["status"] == "live" and data["next"] is None
    assert [e["id"] for e in data["results"]] == [third.pk, second.pk, first.pk]
    withdrawn, corrected, credited = data["results"]
    assert (
        withdrawn["body_html"] == "" and withdrawn["withdrawn"]["text"] == "Could not be confirmed."
    )
    assert "Fourteen killed" in corrected["body_html"]
    assert corrected["correction"]["text"] == "An earlier version said twelve."
    assert credited["authors"] == [
        {"id": reporter.pk, "name": "Aida Nurlanova", "slug": reporter.slug}
    ]
    assert credited["agency"]["short_name"] == agency.short_name and credited["key_event"]
    assert credited["web_url"].endswith(f"{coverage.story.get_absolute_url()}#entry-{first.pk}")
    # Every key the page depends on, so a key that goes missing (a renamed author's byline
    # left stale, say) fails here: the site's, the coverage's, the story's, the credited names.
    assert set(answer["xkey"].split()) == {
        "nav",
        f"live-{coverage.pk}",
        f"story-{coverage.story_id}",
        f"author-{reporter.pk}-byline",
        f"agency-{agency.pk}",
    }


def test_pages_follow_the_cursor_without_repeats(client, section, editor):
    coverage = make_coverage(section, editor=editor)
    posted = [post(coverage, editor, f"Update {n}.").pk for n in range(5)]
    seen, url = [], address(coverage) + "?limit=2"
    while url:
        data = client.get(url).json()
        seen += [e["id"] for e in data["results"]]
        url = data["next"]
    assert seen == posted[::-1]


@pytest.mark.parametrize("query", ["?cursor=not-ours", "?limit=0", "?limit=101"])
def test_bad_parameters_get_a_400_with_the_reason(client, section, editor, query):
    coverage = make_coverage(section, editor=editor)
    answer = client.get(address(coverage) + query)
    assert answer.status_code == 400 and answer.json()["detail"]


def test_a_story_not_covered_live_or_not_published_is_not_found(client, section, editor):
    ordinary = make_story(section, "Ordinary")
    assert client.get(f"/api/v1/stories/{ordinary.pk}/live/").status_code == 404
    coverage = make_coverage(section, editor=editor)
    coverage.story.unpublish()
    assert client.get(address(coverage)).status_code == 404


def test_the_entries_cost_the_same_queries_with_2_or_12_entries(client, section, editor):
    from tests.live.test_query_counts import count, fill

    small, large = (
        make_coverage(section, "Small", editor=editor),
        make_coverage(section, "Large", editor=editor),
    )
    fill(small, editor, 2)
    fill(large, editor, 12)
    assert count(client, address(small)) == LIVE_QUERIES
    assert count(client, address(large)) == LIVE_QUERIES
