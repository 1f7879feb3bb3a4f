"""Editing a photo purges the pages (and page fragments) that show it."""

import pytest

from tests.common.db.photos import PhotoFactory

pytestmark = pytest.mark.django_db


def test_editing_a_photo_purges_its_key(purges, django_capture_on_commit_callbacks):
    photo = PhotoFactory()
    purges.purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        photo.caption = "Another caption."
        photo.save()
    assert f"photo-{photo.pk}" in purges.purged_keys()


def test_deleting_a_photo_purges_its_key(purges, django_capture_on_commit_callbacks):
    photo = PhotoFactory()
    pk = photo.pk
    purges.purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        photo.delete()
    assert f"photo-{pk}" in purges.purged_keys()


def test_wagtail_filling_in_the_file_size_purges_nothing(
    purges, django_capture_on_commit_callbacks
):
    """Wagtail saves the file size the first time it reads it, often while a page renders."""
    photo = PhotoFactory()
    purges.purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        photo.save(update_fields=["file_size"])
    assert purges.purged_keys() == set()
