import pytest

from newsdesk.delivery.keys import InvalidKey, make_key, normalise


def test_make_key_joins_parts_with_dashes():
    assert make_key("story", 42) == "story-42"
    assert make_key("author", 7, "byline") == "author-7-byline"


@pytest.mark.parametrize("bad", ["", "two words", "Story-1", "ключ", "a" * 101, "x,y", "*"])
def test_a_key_a_proxy_header_cannot_carry_is_refused(bad):
    with pytest.raises(InvalidKey):
        make_key(bad)


def test_normalise_drops_duplicates_in_a_stable_order():
    assert normalise(["story-2", "front", "story-2"]) == ("front", "story-2")
