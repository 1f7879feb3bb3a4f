from newsdesk.photos.checks import check_settings


def test_the_default_limits_pass():
    assert check_settings() == []


def test_a_missing_or_zero_limit_is_an_error(settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 0
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = None
    errors = check_settings()
    assert [error.id for error in errors] == ["photos.E001", "photos.E001"]
    assert "NEWSDESK_PHOTO_MAX_PIXELS" in errors[1].hint
