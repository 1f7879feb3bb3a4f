"""The comment policy for the reader's language, and the built-in one when editors wrote none."""

import pytest
from django.utils.translation import override

from newsdesk.discussion import services
from tests.common.db.discussion import CommentPolicyFactory

pytestmark = pytest.mark.django_db


def test_policy_in_the_readers_language_else_english_else_the_first():
    CommentPolicyFactory(language="ru", summary="По-русски")
    with override("fr"):
        assert services.comment_policy().language == "ru"
    CommentPolicyFactory(language="en", summary="In English")
    with override("ru"):
        assert services.comment_policy().summary == "По-русски"
    with override("fr"):
        assert services.comment_policy().summary == "In English"


def test_no_policy_means_the_built_in_one():
    assert services.comment_policy("en") is None


def test_saving_a_policy_is_seen_at_once():
    policy = CommentPolicyFactory(language="en", summary="Old")
    assert services.comment_policy("en").summary == "Old"
    policy.summary = "New"
    policy.save()
    assert services.comment_policy("en").summary == "New"
