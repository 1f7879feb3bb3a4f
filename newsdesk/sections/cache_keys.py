"""Purging the pages that show a section or the navigation when they change (docs/apps/delivery.md).

The front page carries `front`, a section page `section-<id>`, and every page with the site's
navigation `nav`. A section published, unpublished, moved, renamed or deleted changes the
navigation of every page, the front page's blocks, the feeds and the sitemap.
"""

from newsdesk.articles.cache_keys import SITE_KEY
from newsdesk.delivery import make_key, purge


def purge_page(sender, instance, **kwargs) -> None:
    """Receiver for Wagtail's page signals and page deletes, for the front page and sections."""
    from newsdesk.sections.models import HomePage, SectionPage

    if not isinstance(instance, HomePage | SectionPage):
        return
    keys = [SITE_KEY, "front", "feed", "sitemap"]
    if isinstance(instance, SectionPage):
        keys.append(make_key("section", instance.pk))
    purge(keys, urls=lambda: [instance.get_url() or "/"])


def purge_site(sender, instance, **kwargs) -> None:
    """Receiver for Site saves: the site's name is in every page's navigation."""
    purge([SITE_KEY, "feed"], urls=["/"])
