"""What Editors may do with authors and agencies. Contributors only choose them in a byline,
which needs no permission beyond entering the admin.

Deleting an author or agency still credited on a story is refused (the byline protects it).
"""

from newsdesk.sections.roles import EDITORS_GROUP

EDITOR_BYLINE_PERMISSIONS = tuple(
    ("bylines", f"{action}_{model}")
    for model in ("author", "agency")
    for action in ("view", "add", "change", "delete")
)

#: Group name → (app_label, codename) pairs.
BYLINE_PERMISSIONS = {EDITORS_GROUP: EDITOR_BYLINE_PERMISSIONS}
