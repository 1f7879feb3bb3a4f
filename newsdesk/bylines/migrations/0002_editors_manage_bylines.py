"""Editors see, add, change and delete authors and agencies."""

from django.db import migrations

from newsdesk.sections.roles import grant, make_permissions, revoke

EDITORS = "Editors"
PERMISSIONS = [
    ("bylines", f"{action}_{model}")
    for model in ("author", "agency")
    for action in ("view", "add", "change", "delete")
]


def grant_editors(apps, schema_editor):
    make_permissions(apps, "bylines")
    grant(apps, EDITORS, PERMISSIONS)


def revoke_editors(apps, schema_editor):
    revoke(apps, EDITORS, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("bylines", "0001_initial"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_editors, revoke_editors)]
