"""A wire body as story blocks: paragraphs and lists, sub-headings, quotes with their source."""

from newsdesk.wire.items import ParsedItem
from newsdesk.wire.parsers.text import sanitised_body
from newsdesk.wire.stories import body_stream


def blocks(markup: str) -> list:
    return body_stream(ParsedItem(format="test", body_html=sanitised_body(markup, [])))


def test_blocks_from_paragraphs_lists_headings_and_quotes():
    assert blocks(
        "<h1>Title</h1><p>One <b>bold</b>.</p>loose text<ul><li>a</li><li>b</li></ul>"
        "<h3>Sub</h3><blockquote><p>Words here.</p><cite>Ann Lee</cite></blockquote>"
    ) == [
        ("subheading", "Title"),
        ("paragraph", "<p>One <b>bold</b>.</p>"),
        ("paragraph", "<p>loose text</p>"),
        ("paragraph", "<ul><li>a</li><li>b</li></ul>"),
        ("subheading", "Sub"),
        ("quote", {"quote": "Words here.", "attribution": "Ann Lee"}),
    ]


def test_figures_and_empty_paragraphs_leave_no_text_behind():
    assert blocks(
        '<p></p><figure><img src="x.jpg"><figcaption>Cap</figcaption></figure><p>After.</p>'
    ) == [("paragraph", "<p>After.</p>")]
