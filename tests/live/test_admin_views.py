"""The live desk in the admin, driven as editors and contributors use it."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from newsdesk.live.models import CoverageStatus, EntryStatus, LiveCoverage, LiveEntry
from newsdesk.live.roles import LIVE_PERMISSIONS
from tests.common.db.articles import make_story
from tests.common.db.live import make_contributor, make_coverage, make_editor, post
from tests.common.db.moderation import make_comment
from tests.common.db.photos import PhotoFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return make_editor()


@pytest.fixture
def coverage(section, editor):
    return make_coverage(section, editor=editor)


def signed_in(client, user):
    client.force_login(user)
    return client


def composer(coverage):
    return reverse("live_composer", args=[coverage.pk])


def test_the_groups_hold_the_live_permissions_roles_py_lists():
    for group_name, pairs in LIVE_PERMISSIONS.items():
        held = {
            (p.content_type.app_label, p.codename)
            for p in Group.objects.get(name=group_name).permissions.select_related("content_type")
        }
        assert set(pairs) <= held, group_name
    contributors = Group.objects.get(name="Contributors").permissions
    assert not contributors.filter(codename="post_liveentry").exists()


def test_an_editor_writes_and_posts_an_entry_in_one_step(client, coverage, editor):
    photo = PhotoFactory()
    response = signed_in(client, editor).post(
        composer(coverage),
        {
            "headline": "Convoy reaches Binnish",
            "text": (
                "Hundreds of vehicles.\n\n> We will strike everywhere.\n-- Erdogan\n\n"
                f"[photo {photo.pk}: The convoy]"
            ),
            "key_event": "on",
            "action": "post",
        },
    )
    assert response.status_code == 302
    entry = LiveEntry.objects.get()
    assert entry.status == EntryStatus.POSTED and entry.key_event
    assert [b.block_type for b in entry.body] == ["paragraph", "quote", "photo"]
    assert entry.body[1].value["attribution"] == "Erdogan"
    assert entry.body[2].value["photo"] == photo
    page = client.get(composer(coverage)).content.decode()
    assert "Convoy reaches Binnish" in page and "autofocus" in page


def test_bad_text_is_refused_with_the_reason_and_the_text_kept(client, coverage, editor):
    response = signed_in(client, editor).post(
        composer(coverage), {"text": "See this.\n\n[photo 99999]", "action": "post"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "no photo numbered 99999" in page and "See this." in page
    assert not LiveEntry.objects.exists()


def test_a_contributor_saves_drafts_and_cannot_post(client, coverage):
    reporter = make_contributor()
    client = signed_in(client, reporter)
    page = client.get(composer(coverage)).content.decode()
    assert "Save draft for an editor" in page and 'value="post"' not in page
    client.post(composer(coverage), {"text": "From the border.", "action": "draft"})
    assert LiveEntry.objects.get().status == EntryStatus.DRAFT
    refused = client.post(composer(coverage), {"text": "Post me.", "action": "post"})
    assert refused.status_code == 403 and "Post me." in refused.content.decode()
    draft = LiveEntry.objects.get()
    client.post(reverse("live_post_entry", args=[draft.pk]), {"version": draft.version})
    draft.refresh_from_db()
    assert draft.status == EntryStatus.DRAFT
    client.post(reverse("live_status", args=[coverage.pk]), {"status": "ended"})
    coverage.refresh_from_db()
    assert coverage.status == CoverageStatus.LIVE  # Wagtail answers "permission denied"


def test_an_editor_posts_a_draft_from_the_list(client, coverage, editor):
    draft = LiveEntry.objects.create(coverage=coverage, headline="Waiting", body=[])
    signed_in(client, editor).post(
        reverse("live_post_entry", args=[draft.pk]), {"version": draft.version}
    )
    draft.refresh_from_db()
    assert draft.status == EntryStatus.POSTED


@pytest.mark.parametrize("version", ["", "abc", "1.5"])
def test_a_post_with_a_garbled_version_is_refused_with_a_message(client, coverage, editor, version):
    """A "Post now" form whose version is missing or not a number leaves the draft unposted and
    says why, instead of failing with a server error."""
    draft = LiveEntry.objects.create(coverage=coverage, headline="Waiting", body=[])
    response = signed_in(client, editor).post(
        reverse("live_post_entry", args=[draft.pk]), {"version": version}, follow=True
    )
    assert response.status_code == 200
    assert "The entry changed since you saw it" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == EntryStatus.DRAFT


def test_two_editors_editing_one_entry_do_not_overwrite_each_other(client, coverage, editor):
    entry = post(coverage, editor, "Casualties: 12.")
    url = reverse("live_edit_entry", args=[entry.pk])
    form = {"text": "Casualties: 14.", "version": entry.version, "correction_note": "Was 12."}
    other = make_editor("second-editor")
    from django.test import Client

    first, second = signed_in(Client(), editor), signed_in(Client(), other)
    assert first.post(url, form).status_code == 302
    clash = second.post(url, {**form, "text": "Casualties: 13."})
    assert clash.status_code == 409
    page = clash.content.decode()
    assert "Someone else saved this entry" in page
    assert "Casualties: 13." in page and "Casualties: 14." in page  # theirs kept, stored shown
    entry.refresh_from_db()
    assert "14" in str(entry.body.raw_data)
    # Saving again from the form they were given replaces it knowingly.
    again = second.post(url, {**form, "text": "Casualties: 13.", "version": entry.version})
    assert again.status_code == 302


def test_withdrawing_from_the_admin_needs_a_reason(client, coverage, editor):
    entry = post(coverage, editor, "Wrong.")
    url = reverse("live_withdraw_entry", args=[entry.pk])
    signed_in(client, editor).post(url, {"note": "", "version": entry.version})
    entry.refresh_from_db()
    assert entry.status == EntryStatus.POSTED
    client.post(url, {"note": "Not confirmed.", "version": entry.version})
    entry.refresh_from_db()
    assert entry.status == EntryStatus.WITHDRAWN


def test_breaking_out_opens_the_new_story_in_the_editor(client, coverage, editor):
    entry = post(coverage, editor, "Big news.", headline="Big news")
    response = signed_in(client, editor).post(reverse("live_break_out", args=[entry.pk]))
    entry.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "wagtailsnippets_articles_article:edit", args=[entry.breakout_story_id]
    )


def test_a_readers_comment_becomes_a_draft_from_its_number(client, coverage, editor):
    comment = make_comment(coverage.story, text="Jets overhead.", status="approved")
    client = signed_in(client, editor)
    response = client.post(reverse("live_quote", args=[coverage.pk]), {"comment": comment.pk})
    entry = LiveEntry.objects.get()
    assert response["Location"] == reverse("live_edit_entry", args=[entry.pk])
    assert entry.from_comment == comment and entry.status == EntryStatus.DRAFT
    client.post(reverse("live_quote", args=[coverage.pk]), {"comment": 987654})
    assert LiveEntry.objects.count() == 1


def test_an_editor_starts_pauses_and_ends_coverage(client, section, editor):
    story = make_story(section, "Offensive")
    client = signed_in(client, editor)
    response = client.post(reverse("live_index"), {"story": story.pk})
    coverage = LiveCoverage.objects.get(story=story)
    assert response["Location"] == composer(coverage)
    client.post(reverse("live_status", args=[coverage.pk]), {"status": "paused"})
    coverage.refresh_from_db()
    assert coverage.status == CoverageStatus.PAUSED
    client.post(reverse("live_status", args=[coverage.pk]), {"status": "ended"})
    coverage.refresh_from_db()
    assert coverage.status == CoverageStatus.ENDED and coverage.coverage_end
    assert story.headline in client.get(reverse("live_index")).content.decode()


def test_people_without_a_newsroom_role_are_kept_out(client, coverage):
    from django.contrib.auth import get_user_model

    outsider = get_user_model().objects.create_user("outsider", "o@example.com", "pw")
    outsider.groups.add(Group.objects.get_or_create(name="Comment moderators")[0])
    client = signed_in(client, outsider)
    assert client.get(reverse("live_index")).status_code in (302, 403)
    assert client.get(composer(coverage)).status_code in (302, 403)
