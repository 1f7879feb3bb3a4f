"""The composer's plain text read into story body blocks, and written back for editing."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdesk.live.entry_text import EntryTextError, entry_text, parse_entry_text
from newsdesk.live.models import LiveEntry
from tests.common.db.photos import PhotoFactory

pytestmark = pytest.mark.django_db

TEXT = """Turkish forces shelled positions near Saraqeb.
A second line.

> We will strike everywhere.
-- Recep Tayyip Erdogan

## What we know

https://www.youtube.com/watch?v=abc123

Casualties < 50 & rising."""


def test_each_kind_of_block_is_read():
    blocks = parse_entry_text(TEXT)
    assert [kind for kind, _ in blocks] == [
        "paragraph",
        "quote",
        "subheading",
        "embed",
        "paragraph",
    ]
    assert blocks[0][1] == "<p>Turkish forces shelled positions near Saraqeb.<br>A second line.</p>"
    assert blocks[1][1] == {
        "quote": "We will strike everywhere.",
        "attribution": "Recep Tayyip Erdogan",
    }
    assert blocks[4][1] == "<p>Casualties &lt; 50 &amp; rising.</p>"


def test_a_photo_is_found_by_number_and_a_missing_one_named():
    photo = PhotoFactory()
    ((kind, value),) = parse_entry_text(f"[photo {photo.pk}: Convoy near Binnish]")
    assert kind == "photo" and value == {"photo": photo, "caption": "Convoy near Binnish"}
    with pytest.raises(EntryTextError, match="99999"):
        parse_entry_text("[photo 99999]")


def test_what_was_written_comes_back_for_editing():
    photo = PhotoFactory()
    text = TEXT.replace("https://www.youtube.com/watch?v=abc123", f"[photo {photo.pk}: Caption]")
    entry = LiveEntry(body=parse_entry_text(text))
    assert entry_text(entry.body) == text


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=200))
def test_any_paragraph_text_survives_the_round_trip(words):
    text = " ".join(words.split())
    if not text or text.startswith((">", "## ", "[photo", "http")):
        return
    entry = LiveEntry(body=parse_entry_text(text))
    assert entry_text(entry.body) == text
