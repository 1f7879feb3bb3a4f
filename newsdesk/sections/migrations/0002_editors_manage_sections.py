"""Editors manage the front page and sections: add, edit, publish, lock and unlock every page.

Wagtail's own migrations gave Editors add, edit and lock, and sent page review to its "Moderators"
group, which Newsdesk no longer uses (comment moderators have their own group). Its untouched
default review workflow is pointed at Editors instead, so a page sent for review reaches someone
who may approve it.
"""

from django.db import migrations

from newsdesk.sections.roles import find_permissions, make_permissions

EDITORS = "Editors"
PAGE_PERMISSIONS = [
    ("wagtailcore", codename)
    for codename in ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
]
#: Wagtail's default review: one task for its Moderators group, on the root of the tree.
WAGTAIL_REVIEW = "Moderators approval"
EDITORS_REVIEW = "Editors approval"


def _root(apps):
    return apps.get_model("wagtailcore", "Page").objects.filter(depth=1).order_by("path").first()


def grant(apps, schema_editor):
    make_permissions(apps, "wagtailcore")
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    root = _root(apps)
    if root is not None:
        for permission in find_permissions(apps, PAGE_PERMISSIONS):
            GroupPagePermission.objects.get_or_create(
                group=editors, page=root, permission=permission
            )
    _point_page_review(apps, {"Moderators"}, editors, WAGTAIL_REVIEW, EDITORS_REVIEW)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    editors = Group.objects.filter(name=EDITORS).first()
    moderators = Group.objects.filter(name="Moderators").first()
    if editors is None:
        return
    # Wagtail gave Editors add, change and lock; take back only what this migration added.
    GroupPagePermission.objects.filter(
        group=editors,
        page=_root(apps),
        permission__codename__in=["publish_page", "unlock_page"],
    ).delete()
    if moderators is not None:
        _point_page_review(apps, {EDITORS}, moderators, EDITORS_REVIEW, WAGTAIL_REVIEW)


def _point_page_review(apps, from_groups: set[str], to_group, from_name: str, to_name: str):
    """Send the default page review workflow to `to_group`, if a site has not changed it."""
    Workflow = apps.get_model("wagtailcore", "Workflow")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    workflow = Workflow.objects.filter(name=from_name).first()
    task = GroupApprovalTask.objects.filter(name=from_name).first()
    if workflow is None or task is None:
        return
    tasks = list(workflow.workflow_tasks.values_list("task_id", flat=True))
    if tasks != [task.pk] or set(task.groups.values_list("name", flat=True)) != from_groups:
        return
    task.groups.set([to_group])
    task.name = to_name
    task.save(update_fields=["name"])
    workflow.name = to_name
    workflow.save(update_fields=["name"])


class Migration(migrations.Migration):
    dependencies = [
        ("sections", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
