"""Fixtures of the discussion tests: a story to comment on, the site's settings, and a stand-in
for the moderation checks."""

from dataclasses import dataclass, field

import pytest

from newsdesk.moderation import pipeline
from newsdesk.moderation.verdicts import Submission, Verdict
from tests.common.db.articles import days_ago, make_story
from tests.common.db.discussion import site_discussion_settings


@dataclass
class ChecksStandIn:
    """Replaces the moderation checks: returns `verdicts` and remembers every submission."""

    verdicts: list[Verdict] = field(default_factory=list)
    submissions: list[Submission] = field(default_factory=list)

    def __call__(self, submission: Submission, *args, **kwargs) -> list[Verdict]:
        self.submissions.append(submission)
        return list(self.verdicts)


@pytest.fixture(autouse=True)
def checks(monkeypatch) -> ChecksStandIn:
    """The discussion's tests decide what the checks say; the moderation app tests the checks."""
    stand_in = ChecksStandIn()
    monkeypatch.setattr(pipeline, "run_checks", stand_in)
    return stand_in


@pytest.fixture
def story(section):
    return make_story(section, "Offensive displaces almost 800,000", published_at=days_ago(1))


@pytest.fixture
def pre_moderated(home):
    return site_discussion_settings(default_mode="pre")


@pytest.fixture
def post_moderated(home):
    return site_discussion_settings(default_mode="post")
