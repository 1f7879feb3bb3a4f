"""Comment moderators keep the scorer thresholds, as they keep the word lists."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Comment moderators"
CODENAMES = [
    "view_scorerthreshold",
    "add_scorerthreshold",
    "change_scorerthreshold",
    "delete_scorerthreshold",
]


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations ran; make ours now to grant them.
    app_config = apps.get_app_config("moderation")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP).first()
    if group is None:
        return
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="moderation", codename__in=CODENAMES
        )
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="moderation", codename__in=CODENAMES
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0006_scorer_thresholds_and_scores"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
