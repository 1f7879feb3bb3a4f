"""The newsroom's groups, what Editors may do with sections, and the helpers the apps' role
migrations share.

Sections is the lowest of the newsroom apps, so the others (bylines, photos, articles) import the
group names from here. Each app grants its own permissions in a named migration, with the list
kept in its `roles.py` so tests compare what the database holds with what the code says.
See docs/operations.md, "Roles".
"""

from django.contrib.auth.management import create_permissions
from django.db.models import Q

#: Write and submit stories, upload photos; never publish.
CONTRIBUTORS_GROUP = "Contributors"
#: Review, approve, publish, correct and unpublish stories; sections, bylines, photos. Wagtail's
#: own migrations create this group; ours add the newsroom's permissions to it.
EDITORS_GROUP = "Editors"

#: What Editors may do with the front page and sections: every page in the tree, from its root.
#: Deleting a section is left to administrators (its stories would lose their section).
EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")

# For data migrations. They are given the migration's historical `apps`, never the live models.


def make_permissions(apps, *app_labels: str) -> None:
    """Create now the permissions Django makes only after migrating, so they can be granted."""
    for label in app_labels:
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)


def make_model_permissions(apps, app_label: str, model: str, actions, verbose_name: str) -> None:
    """Create permissions Wagtail adds after migrating (publish, lock, unlock of a snippet)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    for action in actions:
        Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_{model}",
            defaults={"name": f"Can {action} {verbose_name}"},
        )


def find_permissions(apps, pairs) -> list:
    """The permissions named by (app_label, codename) pairs; raise if one does not exist, so a
    migration never grants less than it says."""
    Permission = apps.get_model("auth", "Permission")
    wanted = Q(pk__in=[])
    for app_label, codename in pairs:
        wanted |= Q(content_type__app_label=app_label, codename=codename)
    found = list(Permission.objects.filter(wanted).select_related("content_type"))
    missing = set(pairs) - {(p.content_type.app_label, p.codename) for p in found}
    if missing:
        raise LookupError(f"These permissions do not exist yet: {sorted(missing)}")
    return found


def grant(apps, group_name: str, pairs):
    """Give the group (created if missing) these permissions; return it."""
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=group_name)
    group.permissions.add(*find_permissions(apps, pairs))
    return group


def revoke(apps, group_name: str, pairs) -> None:
    """Take these permissions from the group, if it exists."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    wanted = Q(pk__in=[])
    for app_label, codename in pairs:
        wanted |= Q(content_type__app_label=app_label, codename=codename)
    for group in Group.objects.filter(name=group_name):
        group.permissions.remove(*Permission.objects.filter(wanted))
