from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from newsdesk.live import services
from newsdesk.live.models import LiveCoverage
from newsdesk.sections.roles import CONTRIBUTORS_GROUP, EDITORS_GROUP
from tests.common.db.articles import make_story, paragraph


def make_staff(username: str, group: str = EDITORS_GROUP):
    """A member of staff in a newsroom group (Editors or Contributors), password "pw"."""
    user = get_user_model().objects.create_user(username, f"{username}@example.com", "pw")
    user.groups.add(Group.objects.get(name=group))
    return user


def make_editor(username: str = "desk-editor"):
    return make_staff(username, EDITORS_GROUP)


def make_contributor(username: str = "reporter"):
    return make_staff(username, CONTRIBUTORS_GROUP)


def make_coverage(section, headline: str = "Idlib offensive: live", *, editor=None, **story):
    """A published story covered live."""
    article = make_story(section, headline, standfirst="The latest as it happens.", **story)
    return services.start_coverage(article, editor or make_editor("coverage-editor"))


def post(coverage: LiveCoverage, editor, text: str = "Shelling reported.", **fields):
    """An entry posted at once by `editor`."""
    return services.write_entry(coverage, editor, body=[paragraph(text)], post=True, **fields)
