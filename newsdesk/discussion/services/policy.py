"""The comment policy a reader gets: their language's, else English, else the first."""

from django.conf import settings
from django.utils.translation import get_language

from newsdesk.delivery import purge, shared_cache
from newsdesk.discussion.models import CommentPolicy

POLICY_CACHE_KEY = "newsdesk:discussion:policies"
POLICY_CACHE_SECONDS = 300


def comment_policy(language: str | None = None) -> CommentPolicy | None:
    """The policy for `language` (or its base language), else English, else the first; or None.

    Policies are few and rarely change, so they are cached and forgotten when one is saved.
    """
    # Shared by every process, so a page re-rendered after the purge shows the new policy.
    cache = shared_cache()
    policies = cache.get(POLICY_CACHE_KEY)
    if policies is None:
        policies = list(CommentPolicy.objects.all())
        cache.set(POLICY_CACHE_KEY, policies, POLICY_CACHE_SECONDS)
    if not policies:
        return None
    language = (language or get_language() or settings.LANGUAGE_CODE).lower()
    by_language = {policy.language.lower(): policy for policy in policies}
    for candidate in (language, language.split("-")[0], "en"):
        if candidate in by_language:
            return by_language[candidate]
    return policies[0]


def forget_comment_policies(**kwargs) -> None:
    """Receiver for CommentPolicy saves and deletes: the policy page and every story page."""
    shared_cache().delete(POLICY_CACHE_KEY)
    purge(["policy", "nav"])


def forget_discussion_settings(created: bool = False, **kwargs) -> None:
    """Receiver for DiscussionSettings saves: every story page shows its form or not."""
    # Wagtail creates the row with its defaults on first read; pages already showed those.
    if not created:
        purge(["nav"])
