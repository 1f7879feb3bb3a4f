"""A post's content as story body blocks: both editors' markup, and nothing unsanitised."""

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk import rich_text
from newsdesk.articles.blocks import PARAGRAPH_FEATURES, StoryBodyBlock
from newsdesk.imports.body import convert, prepared

BLOCK_TYPES = set(StoryBodyBlock.base_blocks)


def test_classic_paragraphs_split_on_blank_lines_and_keep_line_breaks():
    blocks = convert("One\ntwo\n\nThree").blocks
    assert blocks == [
        {"type": "paragraph", "value": "<p>One<br/>two</p>"},
        {"type": "paragraph", "value": "<p>Three</p>"},
    ]


def test_a_caption_shortcode_becomes_a_photo_with_its_caption():
    found = []

    def photo_for(attachment_id, address):
        found.append((attachment_id, address))
        return 7

    blocks = convert(
        '[caption id="attachment_42" width="300"]<img src="http://x.example/a-300x200.jpg" />'
        " The <b>mayor</b> &amp; council[/caption]",
        photo_for,
    ).blocks
    assert blocks == [{"type": "photo", "value": {"photo": 7, "caption": "The mayor & council"}}]
    assert found == [("42", "http://x.example/a-300x200.jpg")]


def test_the_old_caption_attribute_form_is_read():
    blocks = convert(
        '[caption id="attachment_5" caption="Old style"]<img src="http://x.example/b.jpg" />'
        "[/caption]",
        lambda attachment_id, address: 1,
    ).blocks
    assert blocks[0]["value"]["caption"] == "Old style"


def test_a_missing_photo_keeps_its_caption_as_words_and_is_listed():
    converted = convert(
        '<!-- wp:image --><figure class="wp-block-image"><img src="http://x.example/c.jpg" '
        'class="wp-image-9"/><figcaption>Seen from the hill</figcaption></figure><!-- /wp:image -->'
    )
    assert converted.blocks == [{"type": "paragraph", "value": "<p>Seen from the hill</p>"}]
    assert converted.missing_images == ["http://x.example/c.jpg"]


def test_a_bare_address_on_its_own_line_and_an_embed_block_become_embeds():
    assert convert("Watch:\n\nhttps://youtu.be/abc\n\n[embed]https://vimeo.com/1[/embed]").blocks[
        1:
    ] == [
        {"type": "embed", "value": "https://youtu.be/abc"},
        {"type": "embed", "value": "https://vimeo.com/1"},
    ]


def test_headings_of_every_level_become_subheadings():
    blocks = convert("<!-- wp:heading --><h4>Four <em>words</em></h4><!-- /wp:heading -->").blocks
    assert blocks == [{"type": "subheading", "value": "Four words"}]


def test_other_shortcodes_are_dropped_and_their_words_kept():
    assert "[" not in prepared('[gallery ids="1,2"] A [su_box]boxed[/su_box] word')


html_text = st.text(
    alphabet=st.sampled_from(list("<>/=\"' &;:abcdefghijpsuolqtv-!\n[]()0123456789")), max_size=200
)
html_like = st.lists(
    st.one_of(
        html_text,
        st.sampled_from(
            [
                "<p>",
                "</p>",
                "<script>alert(1)</script>",
                '<a href="javascript:x">',
                "<img src=x onerror=alert(1)>",
                "<blockquote>",
                "<ul><li>",
                "<h2>",
                "<figure>",
                "<iframe src='https://e.example/v'>",
                "[caption]",
                "[/caption]",
                "<!-- wp:image -->",
                "\n\n",
                "https://example.org/x",
                "<style>p{}</style>",
                "<table><tr><td>",
            ]
        ),
    ),
    max_size=25,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(html_like)
def test_any_html_gives_valid_blocks_and_nothing_unsanitised(content):
    converted = convert(content, lambda attachment_id, address: 1)
    for block in converted.blocks:
        assert block["type"] in BLOCK_TYPES
        value = block["value"]
        if block["type"] == "paragraph":
            assert rich_text.sanitise(value, PARAGRAPH_FEATURES) == value
            # Read as a browser reads it: "<a href=javascript:...>" written as text is harmless.
            parsed = BeautifulSoup(value, "html.parser")
            assert not parsed.find_all(["script", "style", "iframe"])
            for element in parsed.find_all(True):
                for attribute in element.attrs.values():
                    assert not str(attribute).strip().lower().startswith("javascript:")
        elif block["type"] == "subheading":
            assert isinstance(value, str) and len(value) <= 255 and value
        elif block["type"] == "quote":
            assert set(value) == {"quote", "attribution"}
        elif block["type"] == "embed":
            assert value.startswith(("http://", "https://"))
        else:
            assert set(value) == {"photo", "caption"} and len(value["caption"]) <= 255
    # The blocks as a whole are what the story body takes.
    StoryBodyBlock().to_python(converted.blocks)


def test_a_link_in_a_link_is_stored_as_it_reads_back():
    """Found by the test above: the sanitiser mended the nested link only on a second reading."""
    content = '<a href="javascript:x"><blockquote>0<table><tr><td><a href="javascript:x">'
    [block] = [b for b in convert(content).blocks if b["type"] == "paragraph"]
    assert rich_text.sanitise(block["value"], PARAGRAPH_FEATURES) == block["value"]


@pytest.mark.parametrize(
    "content",
    ["<p>Before</p><![</p><p>After</p>", "<p>Before</p><!x<![ <p>After</p>", "Before <![ After"],
)
def test_markup_pythons_parser_refuses_keeps_the_posts_words(content):
    """A broken declaration (`<![`) made Python's HTML parser refuse the whole post."""
    converted = convert(content, lambda attachment_id, address: 1)
    text = " ".join(str(block["value"]) for block in converted.blocks)
    assert "Before" in text and "After" in text
    StoryBodyBlock().to_python(converted.blocks)
