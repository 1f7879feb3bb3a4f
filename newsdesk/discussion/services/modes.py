"""Which discussion mode applies to a story, and who is trusted to skip pre-moderation."""

from datetime import datetime, timedelta

from django.db.models import Count, Q
from django.http.request import split_domain_port
from django.utils import timezone
from wagtail.models import Site

from newsdesk.articles.models import Article, DiscussionMode
from newsdesk.delivery import cached_fragment
from newsdesk.discussion.models import Comment, DiscussionSettings

#: Purged when a site or the discussion settings change (sections.cache_keys, policy.py).
SETTINGS_KEY = "nav"


def discussion_settings(request=None) -> DiscussionSettings:
    """The discussion settings of the request's site (or the default site); unsaved defaults
    when there is no site.

    Looked up once per host, not per request: kept in delivery's fragment cache (shared by
    every process) until a site or the settings change, which purges `nav`.
    """
    if request is not None:
        cached = getattr(request, "_newsdesk_discussion_settings", None)
        if cached is None:
            # The host and port decide the site (Wagtail's Site.find_for_request).
            hostname = split_domain_port(request._get_raw_host())[0]
            cached, _keys = cached_fragment(
                f"discussion-settings:{hostname}:{request.get_port()}",
                lambda: (_settings_for_request(request), [SETTINGS_KEY]),
            )
            request._newsdesk_discussion_settings = cached
        return cached
    site = Site.objects.filter(is_default_site=True).first()
    return DiscussionSettings.for_site(site) if site else DiscussionSettings()


def _settings_for_request(request) -> DiscussionSettings:
    try:
        return DiscussionSettings.for_request(request)
    except DiscussionSettings.DoesNotExist:
        return DiscussionSettings()


def discussion_mode(
    story: Article, site_settings: DiscussionSettings, now: datetime | None = None
) -> str:
    """The mode in force for `story`: its own, or the site's; closed once it is old enough."""
    mode = story.discussion_mode or site_settings.default_mode
    days = site_settings.close_after_days
    if not (mode != DiscussionMode.CLOSED and days and story.first_published_at):
        return mode
    if (now or timezone.now()) >= story.first_published_at + timedelta(days=days):
        return DiscussionMode.CLOSED
    return mode


def is_trusted_commenter(email: str, approved_needed: int) -> bool:
    """Whether `email` has `approved_needed` approved comments and none rejected or spam."""
    if approved_needed <= 0:
        return False
    tally = Comment.objects.filter(author_email=email.lower()).aggregate(
        approved=Count("pk", filter=Q(status=Comment.Status.APPROVED)),
        refused=Count("pk", filter=Q(status__in=[Comment.Status.REJECTED, Comment.Status.SPAM])),
    )
    return tally["approved"] >= approved_needed and tally["refused"] == 0
