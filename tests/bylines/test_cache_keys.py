"""Changing an author or an agency purges the pages that name them."""

import pytest

from tests.common.db.bylines import AgencyFactory, AuthorFactory

pytestmark = pytest.mark.django_db


def test_editing_an_author_purges_their_page_their_bylines_and_the_feeds(
    purges, django_capture_on_commit_callbacks
):
    author = AuthorFactory()
    purges.purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        author.name = "Amal Haddad-Smith"
        author.save()
    assert purges.purged_keys() == {
        f"author-{author.pk}",
        f"author-{author.pk}-byline",
        "authors",  # the search page's list of authors
        "feed",
    }


def test_editing_an_agency_purges_the_stories_crediting_it(
    purges, django_capture_on_commit_callbacks
):
    agency = AgencyFactory()
    purges.purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        agency.name = "Agence France-Presse"
        agency.save()
    assert purges.purged_keys() == {f"agency-{agency.pk}", "feed"}
