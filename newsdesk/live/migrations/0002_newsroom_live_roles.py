"""Contributors write live entries as drafts; Editors post, correct and withdraw them and start,
pause and end live coverage (newsdesk/live/roles.py)."""

from django.db import migrations

from newsdesk.sections.roles import grant, make_permissions, revoke

CONTRIBUTOR_PERMISSIONS = [
    ("live", "view_livecoverage"),
    ("live", "view_liveentry"),
    ("live", "add_liveentry"),
    ("live", "change_liveentry"),
]
EDITOR_PERMISSIONS = [
    *CONTRIBUTOR_PERMISSIONS,
    ("live", "add_livecoverage"),
    ("live", "change_livecoverage"),
    ("live", "post_liveentry"),
]


def create_roles(apps, schema_editor):
    make_permissions(apps, "live")
    grant(apps, "Contributors", CONTRIBUTOR_PERMISSIONS)
    grant(apps, "Editors", EDITOR_PERMISSIONS)


def remove_roles(apps, schema_editor):
    revoke(apps, "Contributors", CONTRIBUTOR_PERMISSIONS)
    revoke(apps, "Editors", EDITOR_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("live", "0001_live_coverage"),
        ("sections", "0002_editors_manage_sections"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
