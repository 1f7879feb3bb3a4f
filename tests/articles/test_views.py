"""The story page as a reader receives it: structure, byline, dateline, photos, corrections."""

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from newsdesk.articles.models import Correction
from tests.common.db.articles import days_ago, make_story, paragraph
from tests.common.db.bylines import AgencyFactory, AuthorFactory
from tests.common.db.photos import PhotoFactory

pytestmark = pytest.mark.django_db


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def seed_story(section):
    """A story shaped like the seed page: staff and AFP, dateline, two captioned photos."""
    lead = PhotoFactory(
        alt_text="Children treated in a field hospital",
        caption="Wounded children receive treatment at a makeshift hospital, February 11.",
        credit="Abdulaziz Ketaz/AFP",
    )
    inline = PhotoFactory(
        alt_text="A fighter fires a rifle from a ruined wall",
        caption="A rebel fires near the city, February 7.",
        credit="File",
    )
    return make_story(
        section,
        "Offensive displaces almost 800,000",
        byline=[AuthorFactory(name="Staff Writer"), AgencyFactory(short_name="AFP")],
        dateline="ANKARA",
        standfirst="The UN counts the displaced as fighting continues.",
        lead_photo=lead,
        body=[
            paragraph("Turkey's president accused Russia of massacres."),
            paragraph("The UN updated the numbers on Thursday."),
            ("photo", {"photo": inline, "caption": ""}),
            ("subheading", "800,000 people displaced"),
            ("quote", {"quote": "Some 60 percent are children.", "attribution": "OCHA"}),
            paragraph("The offensive began in December."),
        ],
        tags=["Syria", "Turkey"],
        corrections=[("correction", "An earlier version misstated the date.", timezone.now())],
        published_at=days_ago(1),
    )


def test_story_page_has_one_h1_the_headline_and_landmarks(client, seed_story):
    """The page has skip link, header, nav, main, footer, and exactly one h1: the headline."""
    page = soup_of(client.get(seed_story.get_absolute_url()))
    assert [h.get_text(strip=True) for h in page.find_all("h1")] == [seed_story.headline]
    assert page.find("a", class_="skip-link")["href"] == "#main"
    assert page.find("main", id="main") is not None
    assert page.find("header") is not None and page.find("footer") is not None
    assert page.find("nav", attrs={"aria-label": "Sections"}) is not None


def test_story_page_shows_section_label_linking_to_its_section(client, seed_story, section):
    page = soup_of(client.get(seed_story.get_absolute_url()))
    label = page.select_one(".story__section a")
    assert label.get_text(strip=True) == "Security"
    assert label["href"] == section.url


def test_byline_links_authors_and_credits_agency(client, seed_story):
    """The byline reads "Staff Writer and AFP", the author linked to their page."""
    page = soup_of(client.get(seed_story.get_absolute_url()))
    byline = page.select_one("article .byline")
    assert byline.get_text() == "Staff Writer and AFP"
    author_link = byline.find("a")
    assert author_link["href"].startswith("/en/authors/")
    assert author_link.get_text() == "Staff Writer"


def test_dateline_leads_the_first_paragraph(client, seed_story):
    page = soup_of(client.get(seed_story.get_absolute_url()))
    first = page.select_one(".story__body p")
    assert first.get_text().startswith("ANKARA -- Turkey's president")
    assert first.find("span", class_="dateline").get_text() == "ANKARA --"


def test_photos_are_figures_with_alt_caption_and_credit(client, seed_story):
    """Lead and inline photos: <figure>, alt text on the img, caption and credit in figcaption."""
    page = soup_of(client.get(seed_story.get_absolute_url()))
    figures = page.select("article figure:has(picture)")
    assert len(figures) == 2
    lead, inline = figures
    assert lead.find("img")["alt"] == "Children treated in a field hospital"
    assert lead.figcaption.get_text(" ", strip=True) == (
        "Wounded children receive treatment at a makeshift hospital, February 11."
        " [Abdulaziz Ketaz/AFP]"
    )
    assert inline.find("img")["alt"] == "A fighter fires a rifle from a ruined wall"
    assert inline.figcaption.find(class_="credit").get_text() == "[File]"


def test_photos_are_served_as_webp_and_jpeg_renditions_never_the_upload(client, seed_story):
    page = soup_of(client.get(seed_story.get_absolute_url()))
    picture = page.select_one(".story__lead-photo picture")
    webp = picture.find("source", type="image/webp")
    assert webp is not None and len(webp["srcset"].split(",")) == 3
    img = picture.find("img")
    assert "original_images" not in img["src"] and "images/" in img["src"]
    assert img["sizes"]


def test_body_has_subheading_quote_and_published_time(client, seed_story):
    page = soup_of(client.get(seed_story.get_absolute_url()))
    assert page.select_one(".story__body h2").get_text() == "800,000 people displaced"
    assert "Some 60 percent" in page.select_one(".story__body blockquote").get_text()
    published = page.select_one(".story__dates time.published")
    assert published["datetime"] == seed_story.first_published_at.isoformat()


def test_correction_notice_shows_its_text_and_date(client, seed_story):
    page = soup_of(client.get(seed_story.get_absolute_url()))
    notice = page.select_one(".story__corrections .correction")
    assert "An earlier version misstated the date." in notice.get_text()
    assert notice.find("time")["datetime"]


def test_updated_time_shows_only_when_later_than_publication(client, section):
    story = make_story(section, published_at=days_ago(2))
    page = soup_of(client.get(story.get_absolute_url()))
    assert page.select_one(".story__dates .updated") is None

    story.updated_at = days_ago(1)
    story.save(update_fields=["updated_at"])
    page = soup_of(client.get(story.get_absolute_url()))
    assert page.select_one(".story__dates .updated time")["datetime"] == (
        story.updated_at.isoformat()
    )


def test_tags_link_to_tag_pages_and_related_stories_appear(client, seed_story, section):
    other = make_story(section, "Aid convoys reach the border", tags=["Syria"])
    page = soup_of(client.get(seed_story.get_absolute_url()))
    tags = [a.get_text() for a in page.select(".story__tags a")]
    assert sorted(tags) == ["Syria", "Turkey"]
    related = [a.get_text() for a in page.select(".related h3 a")]
    assert related == [other.headline]


def test_markup_in_headline_is_shown_as_text(client, section):
    story = make_story(section, "<script>alert(1)</script> headline")
    response = client.get(story.get_absolute_url())
    assert b"<script>alert(1)</script>" not in response.content
    assert soup_of(response).h1.get_text() == "<script>alert(1)</script> headline"


def test_old_address_redirects_to_the_canonical_one(client, seed_story):
    url = seed_story.get_absolute_url()
    wrong = url.replace("/en/security/", "/en/elsewhere/")
    response = client.get(wrong)
    assert response.status_code == 301
    assert response["Location"] == url


@pytest.mark.parametrize("headline", ["Résultats du scrutin", "Паводок в долине реки"])
def test_a_story_whose_slug_is_in_another_alphabet_is_served_not_redirected(
    client, section, headline
):
    story = make_story(section, headline)
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    assert soup_of(response).h1.get_text() == headline
    moved = client.get(story.get_absolute_url().replace("/security/", "/elsewhere/"))
    assert (moved.status_code, moved["Location"]) == (301, story.get_absolute_url())


def test_draft_story_is_not_found_by_readers(client, section):
    draft = make_story(section, "Not ready yet", publish=False)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_unpublished_story_is_not_found_by_readers(client, seed_story):
    url = seed_story.get_absolute_url()
    seed_story.unpublish()
    assert client.get(url).status_code == 404


def test_deleted_story_is_not_found_by_readers(client, seed_story):
    url = seed_story.get_absolute_url()
    seed_story.delete()
    assert client.get(url).status_code == 404


def test_scheduled_story_is_hidden_until_its_time_then_published(client, section):
    """A story scheduled for later is a 404 until `publish_scheduled` runs after its time."""
    from datetime import timedelta

    from django.core.management import call_command

    story = make_story(section, "Embargoed results", publish=False)
    go_live = timezone.now() + timedelta(hours=1)
    story.go_live_at = go_live
    story.save()
    revision = story.save_revision(approved_go_live_at=go_live)
    revision.publish()
    story.refresh_from_db()
    assert not story.live
    assert client.get(story.get_absolute_url()).status_code == 404

    # Let the hour pass: move the scheduled time into the past.
    past = timezone.now() - timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save()
    call_command("publish_scheduled", verbosity=0)
    story.refresh_from_db()
    assert story.live
    assert client.get(story.get_absolute_url()).status_code == 200


def test_corrections_page_lists_corrected_stories_most_recently_corrected_first(client, section):
    """Each with its correction notices and dates; updates and uncorrected stories are not."""
    make_story(section, "Never corrected")
    make_story(section, "Only updated", corrections=[("update", "More detail.", days_ago(1))])
    older = make_story(
        section,
        "Corrected long ago",
        corrections=[("correction", "The minister's name was misspelt.", days_ago(5))],
        published_at=days_ago(1),
    )
    recent = make_story(
        section,
        "Corrected today",
        corrections=[
            ("correction", "The <b>vote</b> was 5-4.", days_ago(0.1)),
            ("correction", "A date was wrong.", days_ago(3)),
            ("update", "Added a reaction.", days_ago(2)),
        ],
        published_at=days_ago(4),
    )
    response = client.get("/en/corrections/")
    soup = soup_of(response)
    entries = soup.select(".corrected-story")
    assert [entry.select_one(".teaser__headline").get_text(strip=True) for entry in entries] == [
        "Corrected today",
        "Corrected long ago",
    ]
    notices = entries[0].select(".correction")
    assert [notice.get_text(" ", strip=True).split(": ", 1)[1] for notice in notices] == [
        "The <b>vote</b> was 5-4.",
        "A date was wrong.",
    ]
    latest = recent.corrections.order_by("-noted_at")[0].noted_at
    assert notices[0].time["datetime"] == timezone.localtime(latest).isoformat()
    assert entries[1].select_one(".teaser__headline a")["href"] == older.get_absolute_url()
    keys = set(response["xkey"].split())
    assert {"nav", "corrections", f"story-{recent.pk}", f"story-{older.pk}"} <= keys


def test_corrections_page_is_paginated(client, section, settings):
    settings.NEWSDESK_STORIES_PER_PAGE = 2
    for i in range(3):
        make_story(section, f"Story {i}", corrections=[("correction", "Fix.", days_ago(i))])
    assert client.get("/en/corrections/?page=2").status_code == 200
    assert client.get("/en/corrections/?page=3").status_code == 404
    assert client.get("/en/corrections/?page=x").status_code == 404


def test_a_correction_purges_the_corrections_page(
    section, purges, django_capture_on_commit_callbacks
):
    story = make_story(section)
    purges.purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        story.corrections.add(Correction(kind="correction", text="Fixed.", noted_at=days_ago(0)))
        story.save_revision().publish()
    assert "corrections" in purges.purged_keys()
