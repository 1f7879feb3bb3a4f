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


def make_edition(home: HomePage, language: str, title: str | None = None) -> HomePage:
    """The front page of another edition: a published translation of `home` in `language`."""
    from wagtail.models import Locale

    locale, _created = Locale.objects.get_or_create(language_code=language)
    front = home.copy_for_translation(locale)
    if title:
        front.title = title
    front.save_revision().publish()
    front.refresh_from_db()
    return front


def translate_section(section: SectionPage, language: str, title: str, **fields) -> SectionPage:
    """A published translation of `section` under the edition's front page."""
    from wagtail.models import Locale

    locale = Locale.objects.get(language_code=language)
    translated = section.copy_for_translation(locale)
    translated.title = title
    translated.slug = slugify(title, allow_unicode=True) or translated.slug
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    translated.refresh_from_db()
    return translated
