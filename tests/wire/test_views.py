"""The wire desk's "Send to live coverage": agency copy becomes a draft entry for an editor."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from newsdesk.live.models import CoverageStatus, EntryStatus, LiveEntry
from newsdesk.wire.models import IncomingItem
from newsdesk.wire.services import ingest_bytes
from tests.common.db.live import make_contributor, make_coverage, make_staff
from tests.wire.conftest import fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(source):
    ingest_bytes(fixture("ninjs-3.json"), source=source)
    return IncomingItem.objects.get()


def page_of(client, item) -> BeautifulSoup:
    response = client.get(reverse("incoming_wire:inspect", args=[item.pk]))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_a_contributor_sends_an_item_to_live_coverage_and_lands_on_the_draft(client, item, section):
    coverage = make_coverage(section)
    client.force_login(make_contributor())
    form = page_of(client, item).select_one("form.wire-to-live")
    assert [o.get_text() for o in form.select("option")] == [str(coverage)]
    response = client.post(reverse("wire_send_to_live", args=[item.pk]), {"coverage": coverage.pk})
    entry = LiveEntry.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("live_edit_entry", args=[entry.pk])
    assert entry.coverage == coverage and entry.status == EntryStatus.DRAFT
    assert entry.headline == "Résultats du scrutin" and entry.agency == item.source.agency
    assert entry.source == item.uri and len(entry.body) >= 1


def test_no_form_without_a_running_coverage_or_for_staff_without_live_rights(client, item, section):
    client.force_login(make_contributor())
    assert page_of(client, item).select_one("form.wire-to-live") is None  # no coverage yet
    coverage = make_coverage(section)
    coverage.status = CoverageStatus.ENDED
    coverage.save()
    assert page_of(client, item).select_one("form.wire-to-live") is None  # ended
    moderator = make_staff("moderator", "Comment moderators")
    client.force_login(moderator)
    response = client.post(reverse("wire_send_to_live", args=[item.pk]), {"coverage": coverage.pk})
    # Wagtail's admin answers a refused permission by sending the user to the dashboard.
    assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))
    assert not LiveEntry.objects.exists()


def test_an_ended_coverage_or_a_garbled_choice_is_refused_with_a_message(client, item, section):
    coverage = make_coverage(section)
    coverage.status = CoverageStatus.ENDED
    coverage.save()
    client.force_login(make_contributor())
    for choice in (coverage.pk, "x", ""):
        response = client.post(
            reverse("wire_send_to_live", args=[item.pk]), {"coverage": choice}, follow=True
        )
        assert "Choose a live coverage that is still running." in response.content.decode()
    assert not LiveEntry.objects.exists()
