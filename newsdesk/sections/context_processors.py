"""Template context every reader page needs: the site's name and sections for the navigation."""

from wagtail.models import Site

from newsdesk.delivery import shared_cache
from newsdesk.sections.models import SectionPage

NAVIGATION_CACHE_KEY = "newsdesk:sections:navigation"


def navigation(request):
    """Give templates `site_name` and `sections` (live, in tree order); cached until a publish."""
    if request.path.startswith("/admin/"):
        return {}
    # Shared by every process, so that a page re-rendered after a purge shows the new sections.
    cache = shared_cache()
    navigation = cache.get(NAVIGATION_CACHE_KEY)
    if navigation is None:
        site = Site.objects.filter(is_default_site=True).first()
        navigation = {
            "site_name": site.site_name if site else "",
            "sections": [
                {"title": section.title, "url": section.get_url(request=request)}
                for section in SectionPage.objects.live().public().order_by("path")
            ],
        }
        cache.set(NAVIGATION_CACHE_KEY, navigation, 300)
    return navigation
