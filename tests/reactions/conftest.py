"""Transactional reaction tests get the migrated database back even after Playwright has run.

Once Playwright's sync API has started in the test thread (tests/browser does so for the whole
session), Django hands that thread other connection objects, without the copy of the migrated
database that `serialized_rollback` restores from; a flushed database then stays empty (no
Wagtail root page, no site). `migrated_db` keeps a copy taken before and puts it back.
"""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connections
from wagtail.models import Page


@pytest.fixture(scope="session", autouse=True)
def _migrated_contents(django_db_setup, django_db_blocker) -> dict[str, str]:
    """The serialized migrated database, taken when the first reactions test starts."""
    return {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }


@pytest.fixture
def migrated_db(_migrated_contents: dict[str, str], transactional_db) -> None:
    """A transactional database holding what migrations made, even if a flush emptied it."""
    for alias, contents in _migrated_contents.items():
        if Page.objects.using(alias).filter(depth=1).exists():
            continue  # Django restored it, or nothing emptied it
        # As Django restores: empty the tables without post_migrate refilling content types
        # under new ids, then load the copy.
        call_command(
            "flush", database=alias, interactive=False, inhibit_post_migrate=True, verbosity=0
        )
        connections[alias].creation.deserialize_db_from_string(contents)
        ContentType.objects.clear_cache()
