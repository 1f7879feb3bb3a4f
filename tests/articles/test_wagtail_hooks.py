"""Editors write, preview, schedule and publish stories in the Wagtail admin."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from newsdesk.articles.models import Article
from tests.common.db.articles import make_story
from tests.common.db.bylines import AgencyFactory, AuthorFactory
from tests.common.db.photos import PhotoFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(admin_client):
    return admin_client


def story_form(section, authors, agency, photo, **overrides):
    byline = [{"author": a.pk, "agency": ""} for a in authors] + [
        {"author": "", "agency": agency.pk}
    ]
    data = {
        "headline": "Two reporters and AFP on the border",
        "slug": "",
        "kicker": "",
        "standfirst": "A story written in the admin.",
        "section": section.pk,
        "byline_entries": inline_formset(byline, min=1),
        "dateline": "ANKARA",
        "lead_photo": photo.pk,
        "body": streamfield(
            [
                ("paragraph", rich_text("<p>The first paragraph.</p>")),
                ("subheading", "What happened"),
            ]
        ),
        "tags": "Border, Turkey",
        "corrections": inline_formset([]),
        "discussion_mode": "",
        "first_published_at": "",
        "updated_at": "",
        "go_live_at": "",
        "expire_at": "",
    }
    data.update(overrides)
    return nested_form_data(data)


@pytest.fixture
def byline_people():
    return [AuthorFactory(name="Anna Petrova"), AuthorFactory(name="Ben Okafor")], AgencyFactory()


def test_editor_publishes_a_story_with_two_authors_and_afp(editor, client, section, byline_people):
    authors, afp = byline_people
    data = story_form(section, authors, afp, PhotoFactory())
    data["action-publish"] = "action-publish"
    response = editor.post(reverse("wagtailsnippets_articles_article:add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    story = Article.objects.get()
    assert story.live
    page = BeautifulSoup(client.get(story.get_absolute_url()).content, "html.parser")
    assert page.select_one("article .byline").get_text() == "Anna Petrova, Ben Okafor and AFP"


def test_editor_saves_a_draft_that_readers_cannot_see(editor, client, section, byline_people):
    authors, afp = byline_people
    response = editor.post(
        reverse("wagtailsnippets_articles_article:add"),
        story_form(section, authors, afp, PhotoFactory()),
    )
    assert response.status_code == 302
    story = Article.objects.get()
    assert not story.live
    assert client.get(story.get_absolute_url()).status_code == 404


def test_editor_schedules_a_story_for_later(editor, client, section, byline_people):
    authors, afp = byline_people
    later = timezone.localtime(timezone.now() + timedelta(days=1)).strftime("%Y-%m-%d %H:%M")
    data = story_form(section, authors, afp, PhotoFactory(), go_live_at=later)
    data["action-publish"] = "action-publish"
    response = editor.post(reverse("wagtailsnippets_articles_article:add"), data)
    assert response.status_code == 302
    story = Article.objects.get()
    assert not story.live
    assert story.scheduled_revision is not None
    assert client.get(story.get_absolute_url()).status_code == 404


def test_editor_previews_a_draft_laid_out_as_a_story(editor, section, byline_people):
    authors, afp = byline_people
    data = story_form(section, authors, afp, PhotoFactory())
    preview_url = reverse("wagtailsnippets_articles_article:preview_on_add")
    assert editor.post(preview_url, data).json()["is_valid"]
    response = editor.get(preview_url)
    page = BeautifulSoup(response.content, "html.parser")
    assert page.h1.get_text() == "Two reporters and AFP on the border"
    assert page.select_one("article .byline").get_text() == "Anna Petrova, Ben Okafor and AFP"
    assert page.select_one(".story__body p").get_text().startswith("ANKARA --")


def test_editor_previews_an_unpublished_story(editor, client, section):
    """A saved draft revision renders as the story page for an editor, 404 for readers."""
    story = make_story(section, "Unpublished but previewable", publish=False)
    revision = story.save_revision()
    assert client.get(story.get_absolute_url()).status_code == 404
    url = reverse("wagtailsnippets_articles_article:revisions_view", args=[story.pk, revision.pk])
    response = editor.get(url)
    assert response.status_code == 200
    assert b"Unpublished but previewable" in response.content


def test_byline_entry_must_name_an_author_or_an_agency_not_both(editor, section, byline_people):
    authors, afp = byline_people
    data = story_form(section, authors, afp, PhotoFactory())
    data["byline_entries-0-agency"] = afp.pk  # the first entry now names both
    response = editor.post(reverse("wagtailsnippets_articles_article:add"), data)
    assert response.status_code == 200
    assert b"Choose either an author or an agency" in response.content
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?section={section}",
        "?status=live",
        "?status=draft",
        "?status=scheduled",
        "?author={author}",
        "?first_published_at_from=2020-01-01",
        "?q=border",
    ],
)
def test_story_list_filters_and_search(editor, section, byline_people, query):
    authors, _agency = byline_people
    make_story(section, "Border story", byline=[authors[0]])
    make_story(section, "Draft story", publish=False, byline=[authors[1]])
    url = reverse("wagtailsnippets_articles_article:list") + query.format(
        section=section.pk, author=authors[0].pk
    )
    response = editor.get(url)
    assert response.status_code == 200
    text = response.content.decode()
    if query in ("?status=draft",):
        assert "Draft story" in text and "Border story" not in text
    if query in ("?status=live", "?author={author}", "?q=border"):
        assert "Border story" in text and "Draft story" not in text


def test_story_editor_shows_every_panel(editor, section):
    """The add form offers headline, byline, dateline, photo, body, tags, corrections, schedule."""
    response = editor.get(reverse("wagtailsnippets_articles_article:add"))
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    names = {field.get("name") for field in page.select("[name]")}
    for name in (
        "headline",
        "standfirst",
        "section",
        "dateline",
        "lead_photo",
        "tags",
        "go_live_at",
        "expire_at",
        "byline_entries-TOTAL_FORMS",
        "corrections-TOTAL_FORMS",
    ):
        assert name in names, name


def test_story_list_costs_the_same_queries_for_10_and_30_stories(editor, section):
    """The status column reads annotations, not two queries per story (Wagtail's default)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("wagtailsnippets_articles_article:list")

    def queries() -> int:
        editor.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert editor.get(url).status_code == 200
        return len(captured)

    for i in range(10):
        make_story(section, f"Story {i}", publish=i % 2 == 0)
    ten = queries()
    for i in range(20):
        make_story(section, f"More {i}", publish=i % 2 == 0)
    assert queries() == ten


def test_story_list_shows_scheduled_and_draft_status(editor, section):
    later = timezone.now() + timedelta(days=1)
    scheduled = make_story(section, "Scheduled story", publish=False, go_live_at=later)
    scheduled.save_revision(approved_go_live_at=later)
    make_story(section, "Draft story", publish=False)
    page = BeautifulSoup(
        editor.get(reverse("wagtailsnippets_articles_article:list")).content, "html.parser"
    )
    rows = {
        row.select_one("td a").get_text(strip=True): row.get_text(" ", strip=True)
        for row in page.select("tbody tr")
    }
    assert "scheduled" in rows["Scheduled story"]
    assert "draft" in rows["Draft story"]


def listed_headlines(editor, query: str = "") -> list[str]:
    response = editor.get(reverse("wagtailsnippets_articles_article:list") + query)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    return [row.select_one("td a").get_text(strip=True) for row in page.select("tbody tr")]


def test_story_list_search_results_come_newest_first(editor, section):
    """Not by relevance: the older story says "border" more often, and still comes second."""
    from tests.common.db.articles import days_ago, paragraph

    make_story(
        section,
        "Border border border",
        body=[paragraph("Border crossings at the border.")],
        published_at=days_ago(5),
    )
    make_story(section, "Talks on the border", published_at=days_ago(1))
    assert listed_headlines(editor, "?q=border") == ["Talks on the border", "Border border border"]


def test_author_filter_lists_a_story_once_whatever_its_byline(editor, section, byline_people):
    (anna, ben), _agency = byline_people
    make_story(section, "Anna twice", byline=[anna, anna])
    make_story(section, "Ben alone", byline=[ben])
    assert listed_headlines(editor, f"?author={anna.pk}") == ["Anna twice"]


def test_story_list_counts_up_to_a_limit(editor, section, monkeypatch):
    """Past the limit the list says "More than N stories" instead of counting the archive."""
    from newsdesk.articles.paginators import ArchivePaginator

    monkeypatch.setattr(ArchivePaginator, "limit", 3)
    monkeypatch.setattr(ArchivePaginator, "search_limit", 2)
    for i in range(5):
        make_story(section, f"Story {i}")
    page = editor.get(reverse("wagtailsnippets_articles_article:list")).content.decode()
    assert "More than 3 stories" in page
    searched = editor.get(reverse("wagtailsnippets_articles_article:list") + "?q=story")
    assert "There are more than 2 matches" in searched.content.decode()  # searches count less
    for i in range(3):
        Article.objects.filter(headline=f"Story {i}").delete()
    page = editor.get(reverse("wagtailsnippets_articles_article:list")).content.decode()
    assert "2 stories" in page and "More than" not in page
