"""Template context every reader page needs: the site's name, the edition's sections for the
navigation and each edition's front page for the language switcher."""

from wagtail.models import Site

from newsdesk.delivery import shared_cache
from newsdesk.editions.services import current_edition, edition_codes
from newsdesk.sections.models import HomePage, SectionPage

NAVIGATION_CACHE_KEY = "newsdesk:sections:navigation"


def navigation_cache_keys() -> list[str]:
    """The cached navigation of each edition."""
    return [f"{NAVIGATION_CACHE_KEY}:{code}" for code in edition_codes()]


def navigation(request):
    """Give templates `site_name`, the current edition's `sections` (live, in tree order) and
    `edition_fronts` (each edition's front page address); cached until a publish."""
    if request.path.startswith("/admin/"):
        return {}
    edition = current_edition()
    key = f"{NAVIGATION_CACHE_KEY}:{edition}"
    # Shared by every process, so that a page re-rendered after a purge shows the new sections.
    cache = shared_cache()
    navigation = cache.get(key)
    if navigation is None:
        site = Site.objects.filter(is_default_site=True).first()
        sections = SectionPage.objects.live().public().filter(locale__language_code=edition)
        fronts = HomePage.objects.live().select_related("locale")
        navigation = {
            "site_name": site.site_name if site else "",
            "sections": [
                {"title": section.title, "url": section.get_url(request=request)}
                for section in sections.order_by("path")
            ],
            "edition_fronts": {
                front.locale.language_code: front.get_url(request=request) for front in fronts
            },
        }
        cache.set(key, navigation, 300)
    return navigation
