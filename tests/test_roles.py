"""The permission matrix: what each newsroom role can and cannot do in the real admin.

Each row is one thing done through the Django test client, as a person in that role would do it
in the browser, and judged by what was stored (or by the page answering). The table reads like the
matrix in docs/operations.md, "Roles"; change both together.
"""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from newsdesk.articles.models import Article
from newsdesk.articles.roles import STORY_PERMISSIONS, STORY_REVIEW_WORKFLOW
from newsdesk.bylines.models import Author
from newsdesk.bylines.roles import BYLINE_PERMISSIONS
from newsdesk.discussion.models import Comment
from newsdesk.live.roles import LIVE_PERMISSIONS
from newsdesk.moderation.models import Ban
from newsdesk.moderation.roles import (
    MODERATOR_PERMISSIONS,
    MODERATORS_GROUP,
    WAGTAIL_MODERATORS_GROUP,
)
from newsdesk.photos.models import Photo
from newsdesk.photos.roles import PHOTO_PERMISSIONS
from newsdesk.sections.roles import CONTRIBUTORS_GROUP, EDITOR_PAGE_PERMISSIONS, EDITORS_GROUP
from newsdesk.wire.roles import WIRE_PERMISSIONS
from tests.common.db.articles import make_story
from tests.common.db.bylines import AuthorFactory
from tests.common.db.moderation import make_comment
from tests.common.db.photos import PhotoFactory, image_file

pytestmark = pytest.mark.django_db

CONTRIBUTOR, EDITOR, MODERATOR, ADMINISTRATOR = "contributor", "editor", "moderator", "admin"
ROLES = (CONTRIBUTOR, EDITOR, MODERATOR, ADMINISTRATOR)


@dataclass
class Newsroom:
    """What the rows act on: a section, a published story, a draft, a story in review, a comment."""

    section: object
    live_story: Article
    draft: Article
    in_review: Article
    comment: Comment
    author: Author
    photo: Photo


def user_in(role: str):
    users = get_user_model().objects
    if role == ADMINISTRATOR:
        return users.create_superuser("ada", "ada@example.org", "pw")
    group = {CONTRIBUTOR: CONTRIBUTORS_GROUP, EDITOR: EDITORS_GROUP, MODERATOR: MODERATORS_GROUP}
    user = users.create_user(role, f"{role}@example.org", "pw")
    user.groups.add(Group.objects.get(name=group[role]))
    return user


def story_form(story: Article, headline: str, action: str | None = None, **fields) -> dict:
    byline = [
        {"author": entry.author_id or "", "agency": entry.agency_id or ""}
        for entry in story.byline_entries.all()
    ]
    data = nested_form_data(
        {
            "headline": headline,
            "slug": story.slug,
            "kicker": "",
            "standfirst": "Written in the admin.",
            "section": story.section_id,
            "byline_entries": inline_formset(byline, min=1),
            "dateline": "ANKARA",
            "lead_photo": story.lead_photo_id or "",
            "body": streamfield([("paragraph", rich_text("<p>A paragraph.</p>"))]),
            "tags": "",
            "corrections": inline_formset([]),
            "discussion_mode": "",
            "first_published_at": "",
            "updated_at": "",
            "go_live_at": "",
            "expire_at": "",
            **fields,
        }
    )
    if action:
        data[f"action-{action}"] = f"action-{action}"
    return data


def answers(client, url: str) -> bool:
    """Whether the admin shows the page, rather than refusing it or sending the user away."""
    return client.get(url).status_code == 200


@pytest.fixture
def newsroom(section, django_user_model):
    author = AuthorFactory(name="Anna Petrova")
    photo = PhotoFactory()
    live = make_story(section, "A live story", byline=[author], lead_photo=photo)
    draft = make_story(section, "A draft", byline=[author], publish=False, lead_photo=photo)
    in_review = make_story(section, "A story in review", byline=[author], publish=False)
    writer = django_user_model.objects.create_user("writer", "writer@example.org", "pw")
    writer.groups.add(Group.objects.get(name=CONTRIBUTORS_GROUP))
    in_review.save_revision(user=writer)
    in_review.get_workflow().start(in_review, writer)
    comment = make_comment(live, "A comment waiting for a moderator.")
    return Newsroom(section, live, draft, in_review, comment, author, photo)


# The rows: each does one thing as the signed-in user and says whether it was done.


def list_stories(client, newsroom):
    return answers(client, reverse("wagtailsnippets_articles_article:list"))


def see_the_stories_menu(client, newsroom):
    return '"name": "stories"' in client.get(reverse("wagtailadmin_home")).content.decode()


def write_a_story(client, newsroom):
    data = story_form(newsroom.draft, "A new story")
    data["slug"] = ""
    client.post(reverse("wagtailsnippets_articles_article:add"), data)
    return Article.objects.filter(headline="A new story").exists()


def edit_a_draft(client, newsroom):
    url = reverse("wagtailsnippets_articles_article:edit", args=[newsroom.draft.pk])
    client.post(url, story_form(newsroom.draft, "A draft, rewritten"))
    return any(
        r.content["headline"] == "A draft, rewritten" for r in newsroom.draft.revisions.all()
    )


def submit_for_review(client, newsroom):
    url = reverse("wagtailsnippets_articles_article:edit", args=[newsroom.draft.pk])
    client.post(url, story_form(newsroom.draft, "A draft for review", "submit"))
    return WorkflowState.objects.for_instance(newsroom.draft).filter(status="in_progress").exists()


def publish_a_story(client, newsroom):
    url = reverse("wagtailsnippets_articles_article:edit", args=[newsroom.draft.pk])
    client.post(url, story_form(newsroom.draft, "A draft, published", "publish"))
    newsroom.draft.refresh_from_db()
    return newsroom.draft.live


def schedule_a_story(client, newsroom):
    later = timezone.localtime(timezone.now() + timedelta(days=1)).strftime("%Y-%m-%d %H:%M")
    url = reverse("wagtailsnippets_articles_article:edit", args=[newsroom.draft.pk])
    client.post(url, story_form(newsroom.draft, "For tomorrow", "publish", go_live_at=later))
    newsroom.draft.refresh_from_db()
    return newsroom.draft.scheduled_revision is not None


def correct_a_live_story(client, newsroom):
    story = newsroom.live_story
    now = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    correction = {"kind": "correction", "noted_at": now, "text": "An earlier version misspelt it."}
    data = story_form(story, story.headline, "publish", corrections=inline_formset([correction]))
    client.post(reverse("wagtailsnippets_articles_article:edit", args=[story.pk]), data)
    return story.corrections.filter(text__startswith="An earlier version").exists()


def approve_in_review(client, newsroom):
    story = newsroom.in_review
    task_state = story.current_workflow_task_state
    url = reverse(
        "wagtailsnippets_articles_article:workflow_action",
        args=[story.pk, "approve", task_state.pk],
    )
    client.post(url, {"comment": "Fine to go."})
    story.refresh_from_db()
    return story.live


def edit_in_review(client, newsroom):
    story = newsroom.in_review
    before = story.revisions.count()
    url = reverse("wagtailsnippets_articles_article:edit", args=[story.pk])
    client.post(url, story_form(story, "Changed while in review"))
    return story.revisions.count() > before


def unpublish_a_story(client, newsroom):
    story = newsroom.live_story
    client.post(reverse("wagtailsnippets_articles_article:unpublish", args=[story.pk]))
    story.refresh_from_db()
    return not story.live


def delete_a_story(client, newsroom):
    client.post(reverse("wagtailsnippets_articles_article:delete", args=[newsroom.draft.pk]))
    return not Article.objects.filter(pk=newsroom.draft.pk).exists()


def publish_a_section_page(client, newsroom):
    section = newsroom.section
    data = nested_form_data(
        {
            "title": "Security and defence",
            "slug": section.slug,
            "description": "Retitled.",
            "comments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )
    client.post(reverse("wagtailadmin_pages:edit", args=[section.pk]), data)
    section.refresh_from_db()
    return section.title == "Security and defence"


def upload_a_photo(client, newsroom):
    picture = image_file("upload.jpg")
    picture.seek(0)
    upload = SimpleUploadedFile("upload.jpg", picture.read(), content_type="image/jpeg")
    client.post(
        reverse("wagtailimages:add"),
        {"title": "Uploaded", "file": upload, "collection": 1, "alt_text": "A harbour"},
    )
    return Photo.objects.filter(title="Uploaded").exists()


def edit_someone_elses_photo(client, newsroom):
    return answers(client, reverse("wagtailimages:edit", args=[newsroom.photo.pk]))


def add_an_author(client, newsroom):
    client.post(
        reverse("wagtailsnippets_bylines_author:add"),
        {"name": "Ben Okafor", "slug": "ben-okafor", "job_title": "Reporter", "bio": ""},
    )
    return Author.objects.filter(slug="ben-okafor").exists()


def edit_the_comment_policy(client, newsroom):
    return answers(client, reverse("wagtailsnippets_discussion_commentpolicy:add"))


def moderate_a_comment(client, newsroom):
    comment = newsroom.comment
    client.post(
        reverse("wagtailsnippets_discussion_comment:moderate", args=[comment.pk, "approve"])
    )
    comment.refresh_from_db()
    return comment.status == Comment.Status.APPROVED


def ban_a_commenter(client, newsroom):
    client.post(
        reverse("wagtailsnippets_moderation_ban:add"),
        {"email": "troll@example.org", "ip_network": "", "action": "hold", "reason": "Abuse"},
    )
    return Ban.objects.filter(email="troll@example.org").exists()


def keep_the_word_lists(client, newsroom):
    return answers(client, reverse("wagtailsnippets_moderation_moderationrule:add"))


def download_the_moderation_log(client, newsroom):
    response = client.get(reverse("moderation_log_csv"), follow=True)
    return response.status_code == 200 and response["Content-Type"].startswith("text/csv")


def export_commenter_data(client, newsroom):
    return answers(client, reverse("moderation_commenter_data") + "?email=reader@example.org")


def change_comment_settings(client, newsroom):
    site = Site.objects.get(is_default_site=True)
    return answers(
        client,
        reverse("wagtailsettings:edit", args=["discussion", "discussionsettings", site.pk]),
    )


def _wire_item(newsroom):
    from newsdesk.wire.models import IncomingItem

    return IncomingItem.objects.create(
        uri="urn:test:roles",
        format="ninjs",
        headline="From the wire",
        agency_name="AFP",
        story=newsroom.draft,
        content={"format": "ninjs", "headline": "From the wire"},
        content_hash="x",
    )


def open_the_incoming_wire(client, newsroom):
    item = _wire_item(newsroom)
    return answers(client, reverse("incoming_wire:index")) and answers(
        client, reverse("incoming_wire:inspect", args=[item.pk])
    )


def read_the_ingest_log(client, newsroom):
    return answers(client, reverse("ingest_log:index"))


def configure_a_wire_source(client, newsroom):
    from newsdesk.bylines.models import Agency
    from newsdesk.wire.models import WireSource

    agency = Agency.objects.create(name="Agence France-Presse", short_name="AFP")
    data = {
        "name": "AFP folder",
        "agency": agency.pk,
        "section": newsroom.section.pk,
        "format": "",
        "default_status": "draft",
        "transport": "folder",
        "folder": "/srv/wire/afp",
        "url": "",
        "poll_minutes": 5,
        "enabled": "on",
    }
    client.post(reverse("wire_sources:add"), data)
    return WireSource.objects.filter(name="AFP folder").exists()


def manage_users(client, newsroom):
    return answers(client, reverse("wagtailusers_users:index"))


def manage_groups(client, newsroom):
    return answers(client, reverse("wagtailusers_groups:index"))


def manage_sites(client, newsroom):
    return answers(client, reverse("wagtailsites:index"))


def manage_redirects(client, newsroom):
    return answers(client, reverse("wagtailredirects:index"))


Y, N = True, False
#: action: (contributor, editor, comment moderator, administrator)
MATRIX = {
    list_stories: (Y, Y, N, Y),
    see_the_stories_menu: (Y, Y, N, Y),
    write_a_story: (Y, Y, N, Y),
    edit_a_draft: (Y, Y, N, Y),
    submit_for_review: (Y, Y, N, Y),
    publish_a_story: (N, Y, N, Y),
    schedule_a_story: (N, Y, N, Y),
    correct_a_live_story: (N, Y, N, Y),
    approve_in_review: (N, Y, N, Y),
    edit_in_review: (N, Y, N, Y),
    unpublish_a_story: (N, Y, N, Y),
    delete_a_story: (N, N, N, Y),
    publish_a_section_page: (N, Y, N, Y),
    upload_a_photo: (Y, Y, N, Y),
    edit_someone_elses_photo: (N, Y, N, Y),
    add_an_author: (N, Y, N, Y),
    edit_the_comment_policy: (N, Y, N, Y),
    moderate_a_comment: (N, N, Y, Y),
    ban_a_commenter: (N, N, Y, Y),
    keep_the_word_lists: (N, N, Y, Y),
    download_the_moderation_log: (N, N, Y, Y),
    export_commenter_data: (N, N, N, Y),
    open_the_incoming_wire: (Y, Y, N, Y),
    read_the_ingest_log: (Y, Y, N, Y),
    configure_a_wire_source: (N, Y, N, Y),
    change_comment_settings: (N, N, N, Y),
    manage_users: (N, N, N, Y),
    manage_groups: (N, N, N, Y),
    manage_sites: (N, N, N, Y),
    manage_redirects: (N, N, N, Y),
}

CASES = [
    pytest.param(action, role, expected[ROLES.index(role)], id=f"{role}-{action.__name__}")
    for action, expected in MATRIX.items()
    for role in ROLES
]


@pytest.mark.parametrize(("action", "role", "allowed"), CASES)
def test_permission_matrix(client, newsroom, action, role, allowed):
    """Each role can do what its column of the matrix says, and nothing else in the list."""
    client.force_login(user_in(role))
    assert action(client, newsroom) is allowed


# The groups hold what each app's roles.py lists: the matrix above follows from these.


def _held(group_name: str) -> set[tuple[str, str]]:
    return set(
        Group.objects.get(name=group_name).permissions.values_list(
            "content_type__app_label", "codename"
        )
    )


@pytest.mark.parametrize("group_name", [CONTRIBUTORS_GROUP, EDITORS_GROUP])
def test_newsroom_groups_hold_what_the_apps_list(group_name):
    listed = (
        set(STORY_PERMISSIONS[group_name])
        | set(BYLINE_PERMISSIONS.get(group_name, ()))
        | set(WIRE_PERMISSIONS[group_name])
        | set(LIVE_PERMISSIONS[group_name])
    )
    assert listed <= _held(group_name)
    group = Group.objects.get(name=group_name)
    photos = set(
        group.collection_permissions.filter(
            permission__content_type__app_label="wagtailimages"
        ).values_list("permission__codename", flat=True)
    )
    assert photos == set(PHOTO_PERMISSIONS[group_name])


def test_contributors_hold_nothing_more():
    """Contributors write, submit, upload, read the wire desk and draft live entries; no publish,
    page, byline, wire source or comment permission."""
    assert _held(CONTRIBUTORS_GROUP) == (
        set(STORY_PERMISSIONS[CONTRIBUTORS_GROUP])
        | set(WIRE_PERMISSIONS[CONTRIBUTORS_GROUP])
        | set(LIVE_PERMISSIONS[CONTRIBUTORS_GROUP])
    )
    assert not Group.objects.get(name=CONTRIBUTORS_GROUP).page_permissions.exists()


def test_editors_manage_every_page_from_the_root():
    root_permissions = Group.objects.get(name=EDITORS_GROUP).page_permissions.filter(page__depth=1)
    codenames = set(root_permissions.values_list("permission__codename", flat=True))
    assert codenames == set(EDITOR_PAGE_PERMISSIONS)


def test_comment_moderators_hold_only_moderation():
    """Their own group, with the moderation permissions only: no page, photo or document rights."""
    group = Group.objects.get(name=MODERATORS_GROUP)
    assert _held(MODERATORS_GROUP) == set(MODERATOR_PERMISSIONS)
    assert not group.page_permissions.exists()
    assert not group.collection_permissions.exists()


def test_wagtails_moderators_group_holds_no_moderation_permission():
    """Wagtail's page moderators' group is no longer the comment moderators' group."""
    assert MODERATORS_GROUP != WAGTAIL_MODERATORS_GROUP
    held = _held(WAGTAIL_MODERATORS_GROUP)
    assert not {pair for pair in held if pair[0] in {"discussion", "moderation"}}


def test_stories_go_to_editors_for_review():
    """Every story goes through "Story review", whose one task Editors approve."""
    workflow = Article().get_workflow()
    assert workflow is not None and workflow.name == STORY_REVIEW_WORKFLOW
    [task] = [task.specific for task in workflow.tasks.all()]
    assert list(task.groups.values_list("name", flat=True)) == [EDITORS_GROUP]
