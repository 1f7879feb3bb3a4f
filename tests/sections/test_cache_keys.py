"""A section or navigation change purges every page showing the navigation."""

import pytest
from wagtail.models import Site

from tests.common.db.sections import make_section

pytestmark = pytest.mark.django_db


def test_publishing_a_section_purges_the_navigation_and_its_page(
    home, purges, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        section = make_section(home, "Politics")
        section.title = "Politics and power"
        section.save_revision().publish()
    assert {"nav", "front", "feed", "sitemap", f"section-{section.pk}"} <= purges.purged_keys()


def test_unpublishing_a_section_purges_the_navigation(
    section, purges, django_capture_on_commit_callbacks
):
    purges.purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        section.unpublish()
    assert {"nav", f"section-{section.pk}"} <= purges.purged_keys()


def test_editing_the_front_page_purges_it(home, purges, django_capture_on_commit_callbacks):
    purges.purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        home.save_revision().publish()
    assert {"nav", "front"} <= purges.purged_keys()


def test_renaming_the_site_purges_the_navigation(home, purges, django_capture_on_commit_callbacks):
    site = Site.objects.get(is_default_site=True)
    purges.purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        site.site_name = "The Evening Courier"
        site.save()
    assert "nav" in purges.purged_keys()


def test_a_renamed_section_is_in_the_navigation_of_the_next_render(
    client, section, django_capture_on_commit_callbacks
):
    """The navigation is cached where every process sees its removal (delivery's shared cache)."""
    client.get("/en/")
    with django_capture_on_commit_callbacks(execute=True):
        section.title = "Defence"
        section.save_revision().publish()
    assert "Defence" in client.get("/en/").content.decode()
