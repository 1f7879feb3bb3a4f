"""The incoming wire desk in the admin: the list and its filters, an item's page, the sources."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from newsdesk.articles.models import Article
from newsdesk.wire.models import IncomingItem, WireSource
from newsdesk.wire.services import ingest_bytes
from tests.wire.conftest import fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(source, russian_edition):
    for name in ("ninjs-2.json", "ninjs-3.json", "nitf.xml", "newsml-g2-picture.xml"):
        ingest_bytes(fixture(name), source=source, name=name)
    return IncomingItem.objects.all()


def headlines(response) -> list[str]:
    page = BeautifulSoup(response.content, "html.parser")
    return sorted(
        td.select_one("a").get_text(strip=True)
        for td in page.select("table.listing tbody td.title")
    )


def test_the_desk_lists_every_item_with_its_agency_urgency_language_and_status(admin_client, desk):
    response = admin_client.get(reverse("incoming_wire:index"))
    assert response.status_code == 200
    text = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
    for headline in ("Паводок в долине реки", "Résultats du scrutin", "Cracked wall in Dushanbe"):
        assert headline in text
    assert "On the desk" in text and "New" in text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"language": "fr"}, ["Résultats du scrutin"]),
        ({"urgency": "2"}, ["Паводок в долине реки"]),
        ({"status": "desk"}, ["Cracked wall in Dushanbe"]),
        ({"agency_name": "AFP", "language": "ru"}, ["Паводок в долине реки"]),
    ],
)
def test_the_desk_filters(admin_client, desk, query, expected):
    response = admin_client.get(reverse("incoming_wire:index"), query)
    assert headlines(response) == expected


def test_the_published_filter_lists_items_whose_story_is_live(admin_client, desk):
    story = Article.objects.get(headline="Wheat harvest beats forecasts")
    story.save_revision().publish()
    response = admin_client.get(reverse("incoming_wire:index"), {"status": "published"})
    assert headlines(response) == ["Wheat harvest beats forecasts"]


def test_an_item_shows_what_the_agency_sent_its_embargo_and_a_link_to_its_story(admin_client, desk):
    item = IncomingItem.objects.get(headline="Wheat harvest beats forecasts")
    response = admin_client.get(reverse("incoming_wire:inspect", args=[item.pk]))
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert "Embargoed until" in page.select_one(".wire-embargo").get_text()
    assert (
        page.select_one(".wire-body")
        .get_text(" ", strip=True)
        .startswith("The harvest began early.")
    )
    pictures = page.select_one(".wire-pictures").get_text(" ", strip=True)
    assert "A combine near Kostanay" in pictures and "Olga Kim/AP" in pictures
    link = page.find("a", string=lambda s: s and "Edit and publish the story" in s)
    assert link["href"] == reverse("wagtailsnippets_articles_article:edit", args=[item.story_id])


def test_a_picture_item_links_to_its_photo_in_the_library(admin_client, source):
    from tests.wire.test_pictures import jpeg

    ingest_bytes(fixture("newsml-g2-picture.xml"), source=source, fetch_picture=lambda h: jpeg())
    item = IncomingItem.objects.get()
    response = admin_client.get(reverse("incoming_wire:inspect", args=[item.pk]))
    page = BeautifulSoup(response.content, "html.parser")
    assert "In the photo library" in page.select_one(".wire-status").get_text()
    link = page.find("a", string=lambda s: s and "Open the photo" in s)
    assert link["href"] == reverse("wagtailimages:edit", args=[item.photo_id])


def test_an_editor_adds_a_folder_source_and_is_told_what_is_missing(admin_client, section):
    from tests.common.db.bylines import AgencyFactory

    agency = AgencyFactory(short_name="AP", name="Associated Press")
    url = reverse("wire_sources:add")
    data = {
        "name": "AP folder",
        "agency": agency.pk,
        "section": section.pk,
        "format": "",
        "default_status": "draft",
        "transport": "folder",
        "folder": "",
        "url": "",
        "poll_minutes": 5,
        "enabled": "on",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Give the folder to watch." in response.content.decode()
    assert response.context["form"]["name"].value() == "AP folder"
    data["folder"] = "/srv/wire/ap"
    assert admin_client.post(url, data).status_code == 302
    assert WireSource.objects.get().folder == "/srv/wire/ap"


def test_the_ingest_log_lists_what_was_refused(admin_client, source):
    with pytest.raises(ValueError):
        ingest_bytes(fixture("hostile-bomb.xml"), source=source, name="bomb.xml")
    response = admin_client.get(reverse("ingest_log:index"))
    assert response.status_code == 200
    text = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
    assert "bomb.xml" in text and "entities" in text and "Not ingested" in text


def test_the_desk_costs_the_same_queries_for_5_and_15_items(
    admin_client, source, django_assert_max_num_queries
):
    import json

    def load(n, start):
        for i in range(start, start + n):
            item = json.loads(fixture("ninjs-3.json"))
            item["uri"] = f"urn:test:{i}"
            ingest_bytes(json.dumps(item).encode(), source=source)

    load(5, 0)
    url = reverse("incoming_wire:index")
    admin_client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        admin_client.get(url)
    load(10, 5)
    with CaptureQueriesContext(connection) as many:
        admin_client.get(url)
    assert len(many) == len(few)
