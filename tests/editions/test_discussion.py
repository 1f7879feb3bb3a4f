"""Comments belong to one edition: the story version they were posted on, in its language."""

import pytest

from newsdesk.discussion.models import Comment
from newsdesk.moderation.models import ModerationRule
from tests.common.db.articles import make_story, translate_story
from tests.common.db.moderation import ModerationRuleFactory
from tests.discussion.reader import ORIGIN, comment_data

pytestmark = pytest.mark.django_db


def post(client, story, language: str, text: str):
    return client.post(
        f"/{language}/discussion/stories/{story.pk}/comments/",
        comment_data(client, text=text),
        headers={"Origin": ORIGIN},
    )


@pytest.fixture
def versions(editions):
    source = make_story(editions["en"][1], "Ceasefire holds", discussion_mode="post")
    russian = translate_story(source, "ru", headline="Перемирие соблюдается")
    return source, russian


def test_a_comment_belongs_to_the_version_and_language_it_was_posted_on(client, versions):
    source, russian = versions
    assert post(client, russian, "ru", "Спасибо за репортаж из Анкары.").status_code == 303
    comment = Comment.objects.get()
    assert (comment.story_id, comment.language) == (russian.pk, "ru")
    assert not Comment.objects.filter(story=source).exists()


def test_the_language_is_the_storys_edition_even_from_another_address(client, versions):
    _source, russian = versions
    post(client, russian, "en", "Спасибо за репортаж из Анкары.")
    assert Comment.objects.get().language == "ru"


def test_word_lists_apply_to_their_editions_language(client, versions):
    """A Russian banned word rejects a comment on the Russian version, not on the English one."""
    source, russian = versions
    ModerationRuleFactory(pattern="зюзюка", kind=ModerationRule.Kind.BANNED, language="ru")
    post(client, russian, "ru", "Автор статьи зюзюка и ничего не понимает.")
    post(client, source, "en", "Автор статьи зюзюка и ничего не понимает.")
    assert Comment.objects.get(story=russian).status == Comment.Status.REJECTED
    assert Comment.objects.get(story=source).status != Comment.Status.REJECTED
