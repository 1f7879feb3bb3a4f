"""The lists of stories the reader's pages are built on."""

import pytest

from newsdesk.articles.services import published_stories, section_stories
from tests.common.db.articles import days_ago, make_story
from tests.common.db.sections import make_section

pytestmark = pytest.mark.django_db


def test_section_stories_are_the_sections_published_stories_as_published_stories_gives(
    home, section
):
    """Newest first, with the teaser's joins of `published_stories`, drafts and other sections
    left out, and no condition on the edition (the partial index answers alone)."""
    older = make_story(section, "Older", published_at=days_ago(2))
    newer = make_story(section, "Newer", published_at=days_ago(1))
    make_story(section, "Draft", publish=False)
    make_story(make_section(home, "Sport"), "Elsewhere")
    stories = section_stories(section)
    assert list(stories) == [newer, older]
    assert stories.query.select_related == published_stories("en").query.select_related
    assert stories._prefetch_related_lookups == published_stories("en")._prefetch_related_lookups
    assert "language_code" not in str(stories.query).split(" WHERE ", 1)[1]
