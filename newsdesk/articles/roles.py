"""Who may do what with stories, and the review workflow they go through.

Contributors write and submit stories for review; Editors review, approve, publish, schedule,
correct and unpublish them. Nobody but an administrator deletes a story. Migration
0005_newsroom_story_roles grants these lists; tests compare the groups with them.
"""

from newsdesk.sections.roles import CONTRIBUTORS_GROUP, EDITORS_GROUP

#: The workflow every story goes through, and its one task: review by the Editors group.
STORY_REVIEW_WORKFLOW = "Story review"
STORY_REVIEW_TASK = "Review by editors"

ADMIN_ACCESS = ("wagtailadmin", "access_admin")

CONTRIBUTOR_STORY_PERMISSIONS = (
    ADMIN_ACCESS,
    ("articles", "view_article"),
    ("articles", "add_article"),
    ("articles", "change_article"),
)
EDITOR_STORY_PERMISSIONS = (
    ADMIN_ACCESS,
    ("articles", "view_article"),
    ("articles", "add_article"),
    ("articles", "change_article"),
    ("articles", "publish_article"),
    ("articles", "lock_article"),
    ("articles", "unlock_article"),
)

#: Group name → (app_label, codename) pairs.
STORY_PERMISSIONS = {
    CONTRIBUTORS_GROUP: CONTRIBUTOR_STORY_PERMISSIONS,
    EDITORS_GROUP: EDITOR_STORY_PERMISSIONS,
}
