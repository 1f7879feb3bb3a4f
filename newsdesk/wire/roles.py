"""Who may do what on the incoming wire desk. Migration 0002_wire_roles grants these lists.

Contributors and Editors both read the desk and the ingest log and open an item's draft story
(which their story permissions then govern: only Editors publish). Editors also configure the
wire sources.
"""

from newsdesk.sections.roles import CONTRIBUTORS_GROUP, EDITORS_GROUP

DESK_PERMISSIONS = (
    ("wire", "view_incomingitem"),
    ("wire", "view_ingestlogentry"),
)
EDITOR_WIRE_PERMISSIONS = (
    *DESK_PERMISSIONS,
    ("wire", "change_incomingitem"),
    *(("wire", f"{action}_wiresource") for action in ("view", "add", "change", "delete")),
)

#: Group name → (app_label, codename) pairs.
WIRE_PERMISSIONS = {CONTRIBUTORS_GROUP: DESK_PERMISSIONS, EDITORS_GROUP: EDITOR_WIRE_PERMISSIONS}
