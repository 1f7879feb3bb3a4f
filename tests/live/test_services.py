"""Editors' changes to live coverage: who may make them, what is stored, what readers learn."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from newsdesk.live import services
from newsdesk.live.models import CoverageStatus, EntryStatus, LiveEntry
from tests.common.db.articles import paragraph
from tests.common.db.bylines import AgencyFactory
from tests.common.db.live import make_contributor, make_coverage, make_editor, post
from tests.common.db.moderation import make_comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return make_editor()


@pytest.fixture
def coverage(section, editor):
    return make_coverage(section, editor=editor)


def test_an_editor_posts_in_one_step_and_each_change_gets_the_next_number(coverage, editor):
    first = post(coverage, editor, "Shelling in Saraqeb.")
    second = post(coverage, editor, "UN figures updated.")
    assert first.status == second.status == EntryStatus.POSTED
    assert first.posted_by == editor and first.posted_at is not None
    assert (first.change_sequence, second.change_sequence) == (1, 2)
    coverage.refresh_from_db()
    assert coverage.sequence == 2


def test_a_contributor_keeps_drafts_and_may_not_post_or_schedule(coverage):
    reporter = make_contributor()
    draft = services.write_entry(coverage, reporter, body=[paragraph("From the border.")])
    assert draft.status == EntryStatus.DRAFT and draft.change_sequence == 0
    with pytest.raises(PermissionDenied):
        services.write_entry(coverage, reporter, body=[paragraph("x")], post=True)
    with pytest.raises(PermissionDenied):
        services.post_entry(draft, reporter, version=draft.version)
    later = timezone.now() + timedelta(hours=1)
    with pytest.raises(PermissionDenied):
        services.write_entry(coverage, reporter, body=[paragraph("x")], scheduled_for=later)
    assert LiveEntry.objects.count() == 1


def test_an_editor_posts_a_contributors_draft(coverage, editor):
    draft = services.write_entry(coverage, make_contributor(), body=[paragraph("Draft.")])
    posted = services.post_entry(draft, editor, version=draft.version)
    assert posted.status == EntryStatus.POSTED and posted.posted_by == editor
    assert posted.change_sequence == 1


def test_an_empty_entry_is_refused(coverage, editor):
    with pytest.raises(ValidationError):
        services.write_entry(coverage, editor, body=[], headline="  ", post=True)


def test_an_edit_from_an_older_version_is_refused_and_keeps_what_was_stored(coverage, editor):
    entry = post(coverage, editor, "Casualties: 12.")
    opened = entry.version
    services.edit_entry(
        entry, editor, version=opened, body=[paragraph("Casualties: 14.")], correction_note="14"
    )
    with pytest.raises(services.EditConflict) as conflict:
        services.edit_entry(entry, make_editor("other"), version=opened, body=[paragraph("13")])
    assert "14" in str(conflict.value.current.body.raw_data)
    entry.refresh_from_db()
    assert "Casualties: 14." in str(entry.body.raw_data)


def test_a_correction_is_noted_with_its_time_and_told_to_readers(
    coverage, editor, purges, django_capture_on_commit_callbacks
):
    entry = post(coverage, editor, "Twelve soldiers killed.")
    purges.purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        corrected = services.edit_entry(
            entry,
            editor,
            version=entry.version,
            body=[paragraph("Fourteen soldiers killed.")],
            correction_note="An earlier version gave the toll as twelve.",
        )
    assert corrected.corrected_at is not None
    assert corrected.change_sequence > entry.change_sequence
    assert f"live-{coverage.pk}" in purges.purged_keys()


def test_withdrawing_needs_a_reason_and_keeps_the_row(coverage, editor):
    entry = post(coverage, editor, "Unconfirmed report.", pinned=True, key_event=True)
    with pytest.raises(ValidationError):
        services.withdraw_entry(entry, editor, version=entry.version, note=" ")
    gone = services.withdraw_entry(
        entry, editor, version=entry.version, note="The report could not be confirmed."
    )
    assert gone.status == EntryStatus.WITHDRAWN and not gone.pinned and not gone.key_event
    with pytest.raises(PermissionDenied):
        services.withdraw_entry(gone, make_contributor(), version=gone.version, note="x")


def test_pinning_an_entry_unpins_the_other_and_readers_learn_both(coverage, editor):
    first = post(coverage, editor, "Read this first.", pinned=True)
    second = post(coverage, editor, "Now read this.", pinned=True)
    first.refresh_from_db()
    assert not first.pinned and second.pinned
    assert first.change_sequence > second.change_sequence - 2


def test_scheduled_entries_are_posted_when_their_time_comes(coverage, editor):
    later = timezone.now() + timedelta(minutes=5)
    entry = services.write_entry(
        coverage, editor, body=[paragraph("At noon.")], scheduled_for=later
    )
    assert entry.status == EntryStatus.SCHEDULED
    assert services.post_scheduled_entries(now=timezone.now()) == []
    assert services.post_scheduled_entries(now=later + timedelta(seconds=1)) == [entry.pk]
    entry.refresh_from_db()
    assert entry.status == EntryStatus.POSTED and entry.change_sequence == 1
    assert services.post_scheduled_entries(now=later + timedelta(minutes=1)) == []


def test_the_command_posts_what_is_due(coverage, editor):
    from django.core.management import call_command

    entry = services.write_entry(
        coverage, editor, body=[paragraph("Due.")], scheduled_for=timezone.now() + timedelta(1)
    )
    LiveEntry.objects.filter(pk=entry.pk).update(scheduled_for=timezone.now())
    call_command("post_scheduled_entries", verbosity=0)
    entry.refresh_from_db()
    assert entry.status == EntryStatus.POSTED


def test_ending_keeps_every_entry_and_records_the_end(coverage, editor):
    post(coverage, editor, "One.")
    post(coverage, editor, "Two.")
    ended = services.set_status(coverage, CoverageStatus.ENDED, editor)
    assert ended.coverage_end is not None and not ended.is_polled
    assert ended.entries.filter(status=EntryStatus.POSTED).count() == 2
    resumed = services.set_status(ended, CoverageStatus.LIVE, editor)
    assert resumed.coverage_end is None
    with pytest.raises(PermissionDenied):
        services.set_status(coverage, CoverageStatus.ENDED, make_contributor())
    with pytest.raises(ValidationError):
        services.set_status(coverage, "over", editor)


def test_an_entry_broken_out_into_a_story_links_both_ways(client, coverage, editor):
    agency = AgencyFactory()
    entry = post(
        coverage, editor, "Ankara threatens strikes.", headline="Ankara warns", agency=agency
    )
    story = services.break_out(entry, editor)
    assert not story.live and story.section_id == coverage.story.section_id
    assert story.headline == "Ankara warns"
    assert [line.agency for line in story.byline_entries.all()] == [agency]
    entry.refresh_from_db()
    assert entry.breakout_story == story
    assert services.break_out(entry, editor) == story  # once only
    story.save_revision().publish()
    page = client.get(story.get_absolute_url()).content.decode()
    assert f"{coverage.story.get_absolute_url()}#entry-{entry.pk}" in page
    live_page = client.get(coverage.story.get_absolute_url()).content.decode()
    assert story.get_absolute_url() in live_page


def test_a_readers_comment_becomes_a_draft_quoting_it(coverage, editor):
    comment = make_comment(coverage.story, text="Heard jets over Binnish all night.")
    comment.status = comment.Status.APPROVED
    comment.save()
    entry = services.entry_from_comment(coverage, comment, editor)
    assert entry.status == EntryStatus.DRAFT and entry.from_comment == comment
    (block,) = entry.body
    assert block.block_type == "quote"
    assert block.value["quote"] == "Heard jets over Binnish all night."
    assert comment.author_name in block.value["attribution"]


def test_a_hidden_comment_cannot_be_quoted(coverage, editor):
    comment = make_comment(coverage.story, text="Pending.")
    with pytest.raises(ValidationError):
        services.entry_from_comment(coverage, comment, editor)


def test_agency_copy_becomes_a_draft_with_escaped_paragraphs(coverage, editor):
    agency = AgencyFactory()
    entry = services.entry_from_copy(
        coverage,
        editor,
        headline="UN: 800,000 displaced",
        paragraphs=["Almost 800,000 people <fled>.", "", "Aid agencies warn."],
        agency=agency,
        source="afp:123",
    )
    assert entry.status == EntryStatus.DRAFT and entry.agency == agency
    assert [b.block_type for b in entry.body] == ["paragraph", "paragraph"]
    assert "&lt;fled&gt;" in entry.body[0].value.source
