"""Contributors write and submit stories; Editors review, publish, lock and unlock them; every
story goes through the "Story review" workflow, whose one task is review by Editors.

Stories that went through Wagtail's default page review (the demo assigned it; its group could
not approve stories) are moved to "Story review"; a workflow a site chose itself is kept.
"""

from django.db import migrations

from newsdesk.sections.roles import grant, make_model_permissions, make_permissions, revoke

CONTRIBUTORS = "Contributors"
EDITORS = "Editors"
ADMIN_ACCESS = ("wagtailadmin", "access_admin")
CONTRIBUTOR_PERMISSIONS = [
    ADMIN_ACCESS,
    ("articles", "view_article"),
    ("articles", "add_article"),
    ("articles", "change_article"),
]
EDITOR_PERMISSIONS = [
    *CONTRIBUTOR_PERMISSIONS,
    ("articles", "publish_article"),
    ("articles", "lock_article"),
    ("articles", "unlock_article"),
]
WORKFLOW = "Story review"
TASK = "Review by editors"
#: Wagtail's default page review, before and after sections 0002 pointed it at Editors.
WAGTAIL_DEFAULT_REVIEWS = ["Moderators approval", "Editors approval"]


def create_roles(apps, schema_editor):
    make_permissions(apps, "articles")
    make_model_permissions(apps, "articles", "article", ("publish", "lock", "unlock"), "story")
    grant(apps, CONTRIBUTORS, CONTRIBUTOR_PERMISSIONS)
    editors = grant(apps, EDITORS, EDITOR_PERMISSIONS)
    _send_stories_to_review(apps, editors)


def _send_stories_to_review(apps, editors):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    task = GroupApprovalTask.objects.filter(name=TASK).first()
    if task is None:
        task_type, _ = ContentType.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task = GroupApprovalTask.objects.create(name=TASK, content_type=task_type, active=True)
        task.groups.set([editors])
    elif not task.active:
        task.active = True
        task.save(update_fields=["active"])
    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    if created:
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)

    stories, _ = ContentType.objects.get_or_create(app_label="articles", model="article")
    assigned = WorkflowContentType.objects.filter(content_type=stories).first()
    if assigned is None:
        WorkflowContentType.objects.create(content_type=stories, workflow=workflow)
    elif assigned.workflow.name in WAGTAIL_DEFAULT_REVIEWS:
        assigned.workflow = workflow
        assigned.save(update_fields=["workflow"])


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    # Stories in review keep their history; the workflow is only switched off.
    Workflow.objects.filter(name=WORKFLOW).update(active=False)
    GroupApprovalTask.objects.filter(name=TASK).update(active=False)
    apps.get_model("wagtailcore", "WorkflowContentType").objects.filter(
        workflow__name=WORKFLOW
    ).delete()
    revoke(apps, EDITORS, EDITOR_PERMISSIONS[1:])
    # Emptied rather than deleted: deleting a group from a migration's historical models trips
    # over the other apps' relations to it.
    for contributors in Group.objects.filter(name=CONTRIBUTORS):
        contributors.user_set.clear()
        contributors.permissions.clear()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_newest_first_indexes"),
        ("sections", "0002_editors_manage_sections"),
        ("wagtailcore", "0098_apitoken"),
        # Wagtail's migrations give choose rights to every admin group existing when they run;
        # they run first, so the new group holds only what is listed here.
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
