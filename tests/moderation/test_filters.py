"""The queue's "Flagged by" filter knows every check, ours and a site's."""

from newsdesk.moderation.filters import check_label, reason_choices, reason_lookup


def test_reason_choices_cover_the_checks_and_the_scorer():
    names = [name for name, _label in reason_choices()]
    assert names[:3] == ["banned_commenter", "honeypot", "posted_too_soon"]
    assert {"shouting", "call_to_kill", "threat_of_violence", "abusive_language"} <= set(names)
    assert names[-1] == "check_failed"


def test_a_sites_check_appears_in_the_filter(settings):
    settings.NEWSDESK_MODERATION_CHECKS = ["tests.moderation.test_pipeline.no_phone_numbers"]
    assert ("no_phone_numbers", "No phone numbers") in reason_choices()


def test_check_labels():
    assert check_label("threat_of_violence") == "Threat of violence"
    assert check_label("my_own_check") == "My own check"


def test_reason_lookup_names_the_check_exactly():
    lookup = reason_lookup("shouting")
    assert lookup.children == [("moderation_reasons__icontains", '"check": "shouting"')]
