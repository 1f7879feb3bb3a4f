"""The Moderators group: moderate comments, ban commenters, keep the word lists, read the log;
Wagtail admin access but no permission on stories."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Moderators"
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


def create_group(apps, schema_editor):
    # Permissions are normally made after all migrations ran; make ours now to grant them.
    for label in ("discussion", "moderation"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP)
    for app_label, codename in PERMISSIONS:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is not None:
            group.permissions.add(permission)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0002_bans_word_lists_digest_preferences"),
        ("discussion", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
