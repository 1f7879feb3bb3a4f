from django.utils.text import slugify
from wagtail.models import Page, Site

from newsdesk.sections.models import HomePage, SectionPage


def make_home(title: str = "The Test Courier") -> HomePage:
    """A front page at the root of the default site, replacing Wagtail's welcome page."""
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title=title, slug="home-test"))
    site = Site.objects.get(is_default_site=True)
    old_root = site.root_page
    site.root_page = home
    site.site_name = title
    site.save()
    if old_root.pk != home.pk and not isinstance(old_root.specific, HomePage):
        old_root.delete()
    return home


def make_section(home: HomePage, title: str = "Security", **fields) -> SectionPage:
    section = SectionPage(title=title, slug=slugify(title), **fields)
    home.add_child(instance=section)
    return section
