"""`{% story_discussion %}`: plurals, the threads' fixed query cost, and their cache."""

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils.translation import override

from newsdesk.discussion.models import Comment
from newsdesk.discussion.signals import comment_published, comment_withdrawn
from tests.common.db.discussion import CommentFactory, comments_in_order, reply_chain
from tests.discussion.reader import soup

pytestmark = pytest.mark.django_db


def render(story, query: str = "", language: str = "en") -> str:
    request = RequestFactory().get(f"/story/{query}")
    with override(language):
        return Template("{% load discussion %}{% story_discussion story %}").render(
            Context({"story": story, "request": request})
        )


def heading(story, language: str) -> str:
    return (
        soup(type("R", (), {"content": render(story, language=language).encode()})())
        .find("h2")
        .get_text()
    )


@pytest.mark.parametrize(
    ("count", "english", "russian"),
    [
        (1, "1 Comment", "1 комментарий"),
        (2, "2 Comments", "2 комментария"),
        (5, "5 Comments", "5 комментариев"),
        (21, "21 Comments", "21 комментарий"),
    ],
)
def test_heading_counts_visible_comments_in_every_language(story, count, english, russian):
    CommentFactory.create_batch(count, story=story)
    CommentFactory(story=story, status="pending")
    assert heading(story, "en") == english
    assert heading(story, "ru") == russian


def test_no_comments_reads_zero(story):
    assert heading(story, "en") == "0 Comments"
    assert heading(story, "fr") == "0 commentaire"


def queries_for(story, query: str = "") -> int:
    with CaptureQueriesContext(connection) as captured:
        render(story, query)
    return len(captured)


def test_discussion_costs_the_same_queries_for_one_comment_or_many(story, section, settings):
    """Threads load in a fixed number of queries however many comments, replies and levels."""
    from tests.common.db.articles import make_story

    settings.NEWSDESK_COMMENTS_PER_PAGE = 10
    CommentFactory(story=story)
    busy = make_story(section, "A busy discussion")
    for root in comments_in_order(busy, 25):
        reply_chain(root, 5)
    hidden = CommentFactory(story=busy, parent=Comment.objects.filter(story=busy).first())
    CommentFactory(story=busy, parent=hidden)
    Comment.objects.filter(pk=hidden.pk).update(status="rejected")

    settings.NEWSDESK_STORY_CACHE_SECONDS = 0  # every render builds the threads
    render(story), render(busy)  # the site's settings row is made once
    cold = queries_for(story)
    assert queries_for(busy) == cold
    assert queries_for(busy, "?comments_page=3&comments=newest") == cold

    settings.NEWSDESK_STORY_CACHE_SECONDS = 60  # rendered threads come from the cache
    render(story), render(busy)
    warm = queries_for(story)
    assert queries_for(busy) == warm
    assert warm < cold


def test_new_approved_comment_appears_although_the_threads_are_cached(story, settings):
    settings.NEWSDESK_STORY_CACHE_SECONDS = 60
    CommentFactory(story=story, text="Zebra")
    assert "Zebra" in render(story)
    later = CommentFactory(story=story, text="Quokka")
    assert "Quokka" not in render(story)  # cached: nothing has announced it yet
    comment_published.send(sender=Comment, comment=later)
    assert "Quokka" in render(story)
    Comment.objects.filter(pk=later.pk).update(status="rejected")
    comment_withdrawn.send(sender=Comment, comment=later)
    assert "Quokka" not in render(story)


def test_moderator_edit_of_a_visible_comment_is_seen_at_once(story, settings):
    settings.NEWSDESK_STORY_CACHE_SECONDS = 60
    comment = CommentFactory(story=story, text="Zebra")
    assert "Zebra" in render(story)
    comment.text = "Quokka"
    comment.save()
    html = render(story)
    assert "Quokka" in html and "Zebra" not in html


def test_each_language_and_page_is_cached_apart(story, settings):
    settings.NEWSDESK_STORY_CACHE_SECONDS = 60
    settings.NEWSDESK_COMMENTS_PER_PAGE = 1
    comments_in_order(story, 2)
    assert "Reply" in render(story, language="en")
    assert "Ответить" in render(story, language="ru")
    first, second = render(story), render(story, "?comments_page=2")
    assert first != second


def test_the_blank_form_is_rendered_once_per_story_and_language_with_a_fresh_token(
    story, monkeypatch
):
    """Its widgets are rendered once; each page still gets its own signed token."""
    from bs4 import BeautifulSoup

    from newsdesk.discussion.templatetags import discussion as tags
    from newsdesk.discussion.tokens import read_form_token

    tags._blank_form.cache_clear()
    rendered = []
    real = tags.render_to_string

    def counting(name, context=None, *args, **kwargs):
        rendered.append(name)
        return real(name, context, *args, **kwargs)

    monkeypatch.setattr(tags, "render_to_string", counting)
    pages = [render(story), render(story), render(story, language="fr")]
    assert rendered.count("discussion/comment_form.html") == 2  # English, then French
    tokens = [
        BeautifulSoup(p, "html.parser").find("input", {"name": "token"})["value"] for p in pages
    ]
    assert len(set(tokens)) == 3
    for token in tokens:
        read_form_token(token)  # a valid token, signed when its page rendered
    form = BeautifulSoup(pages[0], "html.parser").find("form")
    assert form["action"].endswith(f"/en/discussion/stories/{story.pk}/comments/")
