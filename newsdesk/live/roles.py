"""Who may do what with live coverage (docs/operations.md, "Roles").

Contributors write entries and keep them as drafts; Editors post, schedule, correct, withdraw
and break out entries, and start, pause and end coverage. Migration 0002_newsroom_live_roles
grants these lists; tests compare the groups with them.
"""

from newsdesk.sections.roles import CONTRIBUTORS_GROUP, EDITORS_GROUP

#: Needed to post, schedule, correct, withdraw, pin or break out an entry.
POST_ENTRIES = "live.post_liveentry"
#: Needed to start live coverage of a story, pause or end it.
MANAGE_COVERAGE = "live.change_livecoverage"

CONTRIBUTOR_LIVE_PERMISSIONS = (
    ("live", "view_livecoverage"),
    ("live", "view_liveentry"),
    ("live", "add_liveentry"),
    ("live", "change_liveentry"),
)
EDITOR_LIVE_PERMISSIONS = (
    *CONTRIBUTOR_LIVE_PERMISSIONS,
    ("live", "add_livecoverage"),
    ("live", "change_livecoverage"),
    ("live", "post_liveentry"),
)

#: Group name → (app_label, codename) pairs.
LIVE_PERMISSIONS = {
    CONTRIBUTORS_GROUP: CONTRIBUTOR_LIVE_PERMISSIONS,
    EDITORS_GROUP: EDITOR_LIVE_PERMISSIONS,
}


def can_write(user) -> bool:
    return user.has_perm("live.add_liveentry")


def can_post(user) -> bool:
    return user.has_perm(POST_ENTRIES)


def can_manage(user) -> bool:
    return user.has_perm(MANAGE_COVERAGE)
