"""Contributors and Editors read the incoming wire desk; Editors configure sources."""

from django.db import migrations

from newsdesk.sections.roles import grant, make_permissions, revoke
from newsdesk.wire.roles import WIRE_PERMISSIONS


def grant_roles(apps, schema_editor):
    make_permissions(apps, "wire")
    for group, pairs in WIRE_PERMISSIONS.items():
        grant(apps, group, pairs)


def revoke_roles(apps, schema_editor):
    for group, pairs in WIRE_PERMISSIONS.items():
        revoke(apps, group, pairs)


class Migration(migrations.Migration):
    dependencies = [
        ("wire", "0001_initial"),
        ("articles", "0005_newsroom_story_roles"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_roles, revoke_roles)]
