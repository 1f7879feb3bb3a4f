from datetime import datetime, timedelta

import factory
from django.utils import timezone

from newsdesk.discussion.models import Comment, CommentPolicy, DiscussionSettings


class CommentFactory(factory.django.DjangoModelFactory):
    """An approved comment; pass `story`, and `parent` for a reply."""

    class Meta:
        model = Comment

    author_name = factory.Sequence(lambda n: f"Reader {n}")
    author_email = factory.Sequence(lambda n: f"reader{n}@example.org")
    text = factory.Sequence(lambda n: f"Comment number {n} on the story.")
    status = Comment.Status.APPROVED
    submitted_at = factory.LazyFunction(timezone.now)


class CommentPolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommentPolicy
        django_get_or_create = ("language",)

    language = "en"
    summary = "Be civil. No threats, no abuse."
    text = "<h2>Our rules</h2><p>Be civil to each other.</p>"


def comments_in_order(story, count: int, *, start: datetime | None = None, **fields) -> list:
    """`count` approved comments on `story`, one minute apart, oldest first."""
    start = start or timezone.now() - timedelta(days=1)
    return [
        CommentFactory(story=story, submitted_at=start + timedelta(minutes=i), **fields)
        for i in range(count)
    ]


def reply_chain(comment: Comment, depth: int, **fields) -> list[Comment]:
    """Replies to `comment`, each replying to the one before, `depth` deep."""
    chain, parent = [], comment
    for i in range(depth):
        parent = CommentFactory(
            story=comment.story,
            parent=parent,
            submitted_at=comment.submitted_at + timedelta(seconds=i + 1),
            **fields,
        )
        chain.append(parent)
    return chain


def site_discussion_settings(**values) -> DiscussionSettings:
    """The default site's discussion settings, changed to `values`."""
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    site_settings = DiscussionSettings.for_site(site)
    for name, value in values.items():
        setattr(site_settings, name, value)
    site_settings.save()
    return site_settings
