"""Ingest, re-ingest, update and kill one item; embargoes hold; a bad item never stops the rest."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from newsdesk.articles.embargo import Embargoed
from newsdesk.articles.models import Article
from newsdesk.bylines.services import byline_text
from newsdesk.wire.models import IncomingItem, IngestLogEntry, WireSource
from newsdesk.wire.parsers import UnreadableItem
from newsdesk.wire.services import ingest_bytes
from tests.common.db.bylines import AuthorFactory
from tests.wire.conftest import fixture

pytestmark = pytest.mark.django_db


def ninjs(version: str, **changes) -> bytes:
    item = json.loads(fixture("ninjs-3.json"))
    item["version"] = version
    item.update(changes)
    return json.dumps(item).encode()


def test_a_new_item_makes_one_draft_story_credited_to_the_agency(source):
    (outcome,) = ingest_bytes(fixture("ninjs-3.json"), name="a.json", source=source)
    assert outcome.action == "created"
    story = Article.objects.get()
    assert (story.headline, story.dateline, story.live) == (
        "Résultats du scrutin",
        "BISHKEK",
        False,
    )
    assert story.section == source.section
    assert byline_text(story.byline_entries.all()) == "AFP"
    assert [b.block_type for b in story.body] == ["paragraph", "quote"]
    assert story.body[1].value["quote"] == "Une victoire nette."
    assert sorted(t.name for t in story.tags.all()) == ["élections"]
    item = IncomingItem.objects.get()
    assert (item.story, item.status, item.language, item.urgency) == (story, "new", "fr", 1)
    assert IngestLogEntry.objects.get().level == "info"


def test_the_same_item_twice_makes_one_story(source):
    ingest_bytes(fixture("ninjs-3.json"), source=source)
    (outcome,) = ingest_bytes(fixture("ninjs-3.json"), source=source)
    assert outcome.action == "unchanged"
    assert Article.objects.count() == 1 and IncomingItem.objects.count() == 1


def test_a_new_version_updates_the_draft_and_keeps_staff_in_the_byline(source):
    ingest_bytes(ninjs("3"), source=source)
    story = Article.objects.get()
    # An editor adds a reporter: "Staff and AFP".
    from newsdesk.articles.models import BylineEntry

    BylineEntry.objects.create(
        article=story, author=AuthorFactory(name="Aziz Karimov"), sort_order=-1
    )
    (outcome,) = ingest_bytes(
        ninjs("4", headlines=[{"role": "main", "value": "Résultats définitifs"}]), source=source
    )
    assert outcome.action == "updated"
    story.refresh_from_db()
    assert story.headline == "Résultats définitifs" and not story.live
    assert byline_text(story.byline_entries.order_by("sort_order")) == "Aziz Karimov and AFP"
    item = IncomingItem.objects.get()
    assert item.version == "4" and item.versions.count() == 2
    assert "headline: Résultats du scrutin → Résultats définitifs" in item.changes


def test_an_older_version_sent_late_changes_nothing(source):
    ingest_bytes(ninjs("5"), source=source)
    (outcome,) = ingest_bytes(ninjs("4", headlines=[{"value": "Old"}]), source=source)
    assert outcome.action == "older"
    assert Article.objects.get().headline == "Résultats du scrutin"


def test_a_new_version_of_a_published_story_is_flagged_with_what_changed(source):
    ingest_bytes(ninjs("3"), source=source)
    story = Article.objects.get()
    story.save_revision().publish()
    (outcome,) = ingest_bytes(ninjs("4", located="OSH"), source=source)
    assert outcome.action == "flagged"
    story.refresh_from_db()
    assert story.live and story.dateline == "BISHKEK"  # the editor decides
    item = IncomingItem.objects.get()
    assert item.status == "flagged" and "dateline: BISHKEK → OSH" in item.changes


def test_a_kill_unpublishes_the_published_story(source):
    ingest_bytes(ninjs("3"), source=source)
    story = Article.objects.get()
    story.save_revision().publish()
    (outcome,) = ingest_bytes(ninjs("4", pubStatus="canceled"), source=source)
    assert outcome.action == "killed"
    story.refresh_from_db()
    assert not story.live
    assert IncomingItem.objects.get().status == "killed"


def test_a_kill_of_a_draft_flags_it(source):
    ingest_bytes(ninjs("3"), source=source)
    (outcome,) = ingest_bytes(ninjs("4", pubStatus="withheld"), source=source)
    assert outcome.action == "killed" and "do not run it" in outcome.message
    assert not Article.objects.get().live


def test_an_embargoed_item_cannot_be_published_before_its_embargo(source):
    later = (timezone.now() + timedelta(hours=2)).isoformat()
    ingest_bytes(ninjs("3", embargoed=later), source=source)
    story = Article.objects.get()
    assert story.embargo_until is not None
    with pytest.raises(Embargoed):
        story.save_revision().publish()
    story.refresh_from_db()
    assert not story.live


def test_a_source_that_publishes_at_once_holds_an_embargoed_item_until_its_time(
    source, russian_edition
):
    source.default_status = WireSource.DefaultStatus.PUBLISH
    source.save()
    later = timezone.now() + timedelta(hours=2)
    ingest_bytes(ninjs("3", embargoed=later.isoformat()), source=source)
    story = Article.objects.get()
    assert not story.live and story.scheduled_revision is not None
    assert story.go_live_at == later.replace(microsecond=story.go_live_at.microsecond)
    ingest_bytes(fixture("ninjs-2.json"), source=source)
    assert Article.objects.get(headline="Паводок в долине реки").live


def test_pictures_video_and_events_wait_on_the_desk_without_a_story(source):
    (outcome,) = ingest_bytes(fixture("newsml-g2-picture.xml"), source=source)
    assert outcome.action == "desk"
    assert not Article.objects.exists()
    item = IncomingItem.objects.get()
    assert item.status == "desk" and item.parsed.pictures[0].caption.startswith("A cracked wall")


def test_an_unreadable_file_is_logged_with_the_reason_and_nothing_is_stored(source):
    with pytest.raises(UnreadableItem):
        ingest_bytes(fixture("hostile-bomb.xml"), name="bomb.xml", source=source)
    entry = IngestLogEntry.objects.get()
    assert entry.level == "error" and "entities" in entry.message and entry.file_name == "bomb.xml"
    assert not IncomingItem.objects.exists()


def test_a_script_in_a_body_is_removed_and_the_log_says_so(source):
    ingest_bytes(fixture("ninjs-1.json"), source=source)
    story = Article.objects.get()
    assert "script" not in json.dumps(story.body.get_prep_value())
    assert IngestLogEntry.objects.get().level == "warning"


def test_an_item_in_an_editions_language_is_filed_in_that_editions_section(source, russian_edition):
    """An agency's Russian copy fed to the Security section lands in the Russian edition's
    Security section, a story of that edition."""
    (outcome,) = ingest_bytes(ninjs("1", language="ru-RU"), source=source)
    assert outcome.action == "created"
    story = Article.objects.get()
    assert story.section == russian_edition
    assert story.locale.language_code == "ru"


def test_an_item_whose_edition_lacks_the_section_waits_on_the_desk(source, home):
    from tests.common.db.sections import make_edition

    make_edition(home, "ru")
    (outcome,) = ingest_bytes(ninjs("1", language="ru"), source=source)
    assert outcome.action == "desk"
    assert "no translation of the section" in outcome.message
    assert not Article.objects.exists()
    assert IncomingItem.objects.get().language == "ru"


def test_an_item_in_a_language_without_an_edition_stays_in_the_sources_section(source):
    """French has no edition (the fixture is French): the story is the source section's."""
    ingest_bytes(fixture("ninjs-3.json"), source=source)
    assert Article.objects.get().section == source.section


def test_an_item_under_embargo_or_withdrawn_is_not_sent_to_live_coverage(source, section):
    """An entry can be posted at once, so the embargo is checked when the copy is sent."""
    from django.core.exceptions import ValidationError

    from newsdesk.live.models import LiveEntry
    from newsdesk.wire.services import send_to_live
    from tests.common.db.live import make_coverage, make_editor

    coverage = make_coverage(section)
    editor = make_editor()
    later = (timezone.now() + timedelta(hours=2)).isoformat()
    ingest_bytes(ninjs("3", embargoed=later), source=source)
    item = IncomingItem.objects.get()
    with pytest.raises(ValidationError, match="embargoed until"):
        send_to_live(item, coverage, editor)
    ingest_bytes(ninjs("4", pubStatus="canceled"), source=source)
    item.refresh_from_db()
    with pytest.raises(ValidationError, match="withdrew"):
        send_to_live(item, coverage, editor)
    assert not LiveEntry.objects.exists()


def test_an_item_sent_to_live_coverage_keeps_its_quotes_and_says_so_in_the_log(source, section):
    from newsdesk.wire.services import send_to_live
    from tests.common.db.live import make_coverage, make_editor

    (outcome,) = ingest_bytes(fixture("nitf.xml"), source=source)
    entry = send_to_live(outcome.item, make_coverage(section), make_editor())
    assert entry.body[0].block_type == "paragraph"
    assert "The harvest began early." in entry.body[0].value.source
    assert IngestLogEntry.objects.filter(
        item=outcome.item, message__startswith="Sent to the live coverage of"
    ).exists()
