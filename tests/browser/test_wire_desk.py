"""An editor takes a wire story from the incoming desk to readers, in Chromium: opens the item,
adds a staff reporter before the agency ("Aziz Karimov and AFP"), and publishes."""

import re

import pytest
from django.urls import reverse

from newsdesk.articles.models import Article
from newsdesk.wire.models import WireSource
from newsdesk.wire.services import ingest_bytes
from tests.browser.conftest import sign_in_to_admin
from tests.common.db.bylines import AgencyFactory, AuthorFactory
from tests.wire.conftest import fixture

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_an_editor_runs_wire_copy_as_staff_and_afp(live_server, page, admin_user, section):
    AuthorFactory(name="Aziz Karimov")
    source = WireSource.objects.create(
        name="AFP wire",
        agency=AgencyFactory(short_name="AFP"),
        section=section,
        folder="/srv/wire/afp",
    )
    ingest_bytes(fixture("ninjs-2.json"), source=source)
    ingest_bytes(fixture("ninjs-3.json"), source=source)
    sign_in_to_admin(page, live_server.url, admin_user)

    page.goto(live_server.url + reverse("incoming_wire:index") + "?language=fr")
    page.get_by_role("link", name="Résultats du scrutin").click()
    page.get_by_role("link", name="Edit and publish the story").click()

    page.click("#id_byline_entries-ADD")
    page.locator("#id_byline_entries-1-author-chooser .chooser__choose-button").click()
    modal = page.locator(".modal-dialog")
    modal.get_by_role("link", name="Aziz Karimov", exact=True).first.click()
    modal.wait_for(state="hidden")
    page.locator("#inline_child_byline_entries-1").get_by_role("button", name="Move up").click()
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    page.wait_for_url(re.compile(r".*/admin/snippets/articles/article/(\?.*)?$"))

    story = Article.objects.filter(headline="Résultats du scrutin").latest("pk")
    assert story.live
    page.goto(live_server.url + story.get_absolute_url())
    assert page.locator("article .byline").inner_text() == "Aziz Karimov and AFP"
    assert page.locator("h1").inner_text() == "Résultats du scrutin"
