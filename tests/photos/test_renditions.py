"""Rendition filter specs are parsed once per process, not once per photo shown."""

import pytest
from wagtail import hooks

from newsdesk.photos.renditions import filter_specs, place_filters
from newsdesk.photos.templatetags.photos import picture_of
from tests.common.db.photos import PhotoFactory

pytestmark = pytest.mark.django_db


def test_each_place_has_its_filters_made_once():
    assert place_filters("story") is place_filters("story")
    assert [one.spec for one in place_filters("teaser")] == filter_specs("teaser")
    assert filter_specs("story") == [
        "format-webp|width-480",
        "format-webp|width-800",
        "format-webp|width-1200",
        "format-jpeg|width-480",
        "format-jpeg|width-800",
        "format-jpeg|width-1200",
    ]


def test_showing_photos_parses_no_spec(monkeypatch):
    """Wagtail parses a spec by asking its hooks for the image operations: once the renditions
    exist, showing the photos asks no more."""
    photos = PhotoFactory.create_batch(2)
    for photo in photos:
        picture_of(photo, "teaser")  # makes the renditions
    asked = []
    real = hooks.get_hooks

    def counting(name):
        asked.append(name)
        return real(name)

    monkeypatch.setattr(hooks, "get_hooks", counting)
    for photo in photos:
        assert "<picture>" in str(picture_of(photo, "teaser"))
    assert "register_image_operations" not in asked


def test_structured_data_crops_decode_with_a_smaller_margin():
    """Its 1:1 crop of a 3:2 photo would decode a 64 MP JPEG at half size with the usual margin."""
    from newsdesk.photos.renditions import QUALITY_MARGIN, margin_for

    assert [margin_for(spec) for spec in filter_specs("structured_data")] == [1.0, 1.0, 1.0]
    assert {margin_for(spec) for spec in filter_specs("story")} == {QUALITY_MARGIN}
