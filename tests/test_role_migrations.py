"""The role migrations repair a site set up before them: comment moderators in Wagtail's
"Moderators" group, stories sent for review to that group by the demo."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.models import WorkflowContentType

from newsdesk.articles.models import Article

BEFORE = [
    ("moderation", "0003_moderators_group"),
    ("articles", "0004_newest_first_indexes"),
    ("sections", "0001_initial"),
    ("bylines", "0001_initial"),
    ("photos", "0001_initial"),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.slow
# serialized_rollback: the test starts from the migrated database's rows (groups, content types,
# permissions) even when a transactional test before it left the tables flushed.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_existing_site_is_repaired():
    old = migrate(BEFORE)
    OldGroup = old.get_model("auth", "Group")
    OldUser = old.get_model("auth", "User")
    moderators = OldGroup.objects.get(name="Moderators")
    # The site as our docs and demo left it: a comment moderator in Wagtail's group, which can
    # publish every page, and stories reviewed by that group.
    moira = OldUser.objects.create(username="moira")
    moira.groups.add(moderators)
    assert moderators.page_permissions.filter(permission__codename="publish_page").exists()
    assert moderators.permissions.filter(codename="change_comment").exists()
    Workflow = old.get_model("wagtailcore", "Workflow")
    OldContentType = old.get_model("contenttypes", "ContentType")
    stories, _ = OldContentType.objects.get_or_create(app_label="articles", model="article")
    old.get_model("wagtailcore", "WorkflowContentType").objects.create(
        content_type=stories, workflow=Workflow.objects.get(name="Moderators approval")
    )
    assert (
        not OldGroup.objects.get(name="Editors")
        .permissions.filter(codename="change_article")
        .exists()
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    wagtail_moderators = Group.objects.get(name="Moderators")
    comment_moderators = Group.objects.get(name="Comment moderators")
    assert list(comment_moderators.user_set.values_list("username", flat=True)) == ["moira"]
    assert not wagtail_moderators.user_set.exists()
    assert not wagtail_moderators.permissions.filter(
        content_type__app_label__in=["discussion", "moderation"]
    ).exists()
    assignment = WorkflowContentType.objects.get(
        content_type=ContentType.objects.get_for_model(Article)
    )
    assert assignment.workflow.name == "Story review"
    editors = Group.objects.get(name="Editors")
    assert editors.permissions.filter(codename="publish_article").exists()
    page_review = editors.groupapprovaltask_set.get(name="Editors approval")
    assert list(page_review.groups.values_list("name", flat=True)) == ["Editors"]
