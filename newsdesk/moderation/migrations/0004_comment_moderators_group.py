"""Comment moderators get a group of their own, "Comment moderators", holding only the moderation
permissions.

Migration 0003 put these permissions on Wagtail's default "Moderators" group, which Wagtail's own
migrations had given add, edit, publish and lock on every page and rights on images and documents,
and made the reviewers of its default workflow. This repairs existing sites: our permissions come
off "Moderators", and its members move to "Comment moderators". Our docs told sites to put
comment moderators there, so they keep exactly the moderation rights they had and lose the page,
photo and document rights they were never meant to have. Anyone who was there to publish pages
is added back to Editors or Wagtail's group by an administrator (docs/operations.md, "Roles").
"""

from django.db import migrations

from newsdesk.sections.roles import grant, make_permissions, revoke

COMMENT_MODERATORS = "Comment moderators"
WAGTAIL_MODERATORS = "Moderators"
PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("discussion", "view_comment"),
    ("discussion", "change_comment"),
    ("moderation", "view_ban"),
    ("moderation", "add_ban"),
    ("moderation", "change_ban"),
    ("moderation", "view_moderationdecision"),
    ("moderation", "view_moderationrule"),
    ("moderation", "add_moderationrule"),
    ("moderation", "change_moderationrule"),
    ("moderation", "delete_moderationrule"),
]
#: What 0003 added to Wagtail's group; Wagtail gave it admin access itself, which stays.
ADDED_BY_0003 = PERMISSIONS[1:]


def separate(apps, schema_editor):
    make_permissions(apps, "discussion", "moderation")
    comment_moderators = grant(apps, COMMENT_MODERATORS, PERMISSIONS)
    revoke(apps, WAGTAIL_MODERATORS, ADDED_BY_0003)
    Group = apps.get_model("auth", "Group")
    wagtail_moderators = Group.objects.filter(name=WAGTAIL_MODERATORS).first()
    if wagtail_moderators is None:
        return
    members = list(wagtail_moderators.user_set.all())
    comment_moderators.user_set.add(*members)
    wagtail_moderators.user_set.remove(*members)


def join(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    comment_moderators = Group.objects.filter(name=COMMENT_MODERATORS).first()
    wagtail_moderators = grant(apps, WAGTAIL_MODERATORS, ADDED_BY_0003)
    if comment_moderators is not None:
        wagtail_moderators.user_set.add(*comment_moderators.user_set.all())
        # Emptied rather than deleted: deleting a group from a migration's historical models
        # trips over the other apps' relations to it.
        comment_moderators.user_set.clear()
        comment_moderators.permissions.clear()


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0003_moderators_group"),
        # Wagtail's migrations give choose rights to every admin group existing when they run;
        # they run first, so the new group holds only what is listed here.
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(separate, join)]
