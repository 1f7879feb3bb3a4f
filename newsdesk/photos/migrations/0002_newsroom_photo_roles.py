"""Contributors upload and choose photos; Editors upload, edit, delete and choose any photo.

Granted on the root collection, as Wagtail grants them (Editors already had these from Wagtail's
migrations; they are given again in case a site took them away).
"""

from django.db import migrations

from newsdesk.sections.roles import find_permissions, make_permissions

PHOTO_PERMISSIONS = {
    "Contributors": ["add_image", "choose_image"],
    "Editors": ["add_image", "change_image", "delete_image", "choose_image"],
}


def grant(apps, schema_editor):
    make_permissions(apps, "wagtailimages")
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root = Collection.objects.filter(depth=1).order_by("path").first()
    if root is None:
        return
    for name, codenames in PHOTO_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        pairs = [("wagtailimages", codename) for codename in codenames]
        for permission in find_permissions(apps, pairs):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=permission
            )


def revoke(apps, schema_editor):
    # Editors keep what Wagtail gave them; Contributors lose what this migration gave.
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupCollectionPermission.objects.filter(
        group__name="Contributors", permission__content_type__app_label="wagtailimages"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("photos", "0001_initial"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
