"""What each newsroom group may do with photos, in the root collection (so in every collection).

Wagtail checks photo permissions against its own image model's permissions
(`wagtailimages.*_image`) granted on a collection. Uploading lets a contributor also edit and
delete the photos they uploaded themselves (Wagtail's ownership policy), not anyone else's.
"""

from newsdesk.sections.roles import CONTRIBUTORS_GROUP, EDITORS_GROUP

CONTRIBUTOR_PHOTO_PERMISSIONS = ("add_image", "choose_image")
EDITOR_PHOTO_PERMISSIONS = ("add_image", "change_image", "delete_image", "choose_image")

#: Group name → codenames of `wagtailimages` permissions held on the root collection.
PHOTO_PERMISSIONS = {
    CONTRIBUTORS_GROUP: CONTRIBUTOR_PHOTO_PERMISSIONS,
    EDITORS_GROUP: EDITOR_PHOTO_PERMISSIONS,
}
