"""`newsdesk recount_reactions` rebuilds tallies and says which were wrong."""

from io import StringIO

import pytest
from django.core.management import call_command

from newsdesk.reactions import services
from newsdesk.reactions.models import ReactionTally
from tests.common.db.articles import make_story
from tests.common.db.reactions import make_votes

pytestmark = pytest.mark.django_db


def recount(*args) -> str:
    out = StringIO()
    call_command("recount_reactions", *args, stdout=out)
    return out.getvalue().strip()


def test_recount_reports_and_fixes_wrong_tallies(section):
    story, other = make_story(section), make_story(section, "Other")
    make_votes(story, yes=3)
    make_votes(other, no=1)
    assert recount() == "Every tally was right."
    ReactionTally.objects.update(yes_count=9)
    assert recount(str(story.pk)) == f"Corrected the tallies of stories {story.pk}."
    assert services.results_for(story) == services.Results(3, 0)
    assert services.results_for(other) == services.Results(9, 1)
    assert recount() == f"Corrected the tallies of stories {other.pk}."
