"""What the front page's service picks for each section block."""

import pytest

from newsdesk.sections import services
from tests.common.db.articles import days_ago, make_story
from tests.common.db.sections import make_section

pytestmark = pytest.mark.django_db


def test_each_section_block_has_its_four_newest_published_stories(home, section):
    politics = make_section(home, "Politics")
    security_stories = [
        make_story(section, f"Security {n}", published_at=days_ago(n)) for n in range(1, 7)
    ]
    politics_stories = [
        make_story(politics, f"Politics {n}", published_at=days_ago(n + 10)) for n in range(1, 3)
    ]
    make_story(section, "Unpublished draft", publish=False)

    blocks = services.front_page(home)["section_blocks"]

    assert [block["section"] for block in blocks] == [section, politics]
    assert blocks[0]["stories"] == security_stories[:4]
    assert blocks[1]["stories"] == politics_stories


def test_a_section_with_nothing_published_has_no_block(home, section):
    make_section(home, "Politics")
    story = make_story(section, "Only story")
    blocks = services.front_page(home)["section_blocks"]
    assert [(block["section"], block["stories"]) for block in blocks] == [(section, [story])]


def test_a_block_holds_four_even_when_stories_share_a_publication_time(home, section):
    same_time = days_ago(1)
    for n in range(6):
        make_story(section, f"Story {n}", published_at=same_time)
    [block] = services.front_page(home)["section_blocks"]
    assert len(block["stories"]) == 4
