"""The rich text sanitiser keeps what the editor writes and nothing a browser could run."""

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

from newsdesk import rich_text
from newsdesk.articles.blocks import PARAGRAPH_FEATURES

SANITIZER_CASES = (
    Path(__file__).resolve().parents[2] / "shared/data/xss/html5lib-sanitizer-tests1.dat"
)

HOSTILE = [
    "<p>Hi<script>alert(1)</script></p>",
    "<p><img src=x onerror=alert(1)>text</p>",
    '<p><a href="javascript:alert(1)">click</a></p>',
    '<p><a href=" &#106;avascript:alert(1)">entity</a></p>',
    '<p><a href="data:text/html,<script>alert(1)</script>">data</a></p>',
    '<p onclick="alert(1)" data-block-key="abc12">handler</p>',
    '<p data-block-key="x&quot; onmouseover=&quot;alert(1)">key</p>',
    '<a linktype="page" id="3 onclick=alert(1)">id</a>',
    '<a linktype="javascript" id="3">type</a>',
    '<embed embedtype="image" id="1" format="left" alt="x" src="javascript:alert(1)"/>',
    '<iframe src="https://evil.example/"></iframe>',
    "<style>p{background:url(javascript:alert(1))}</style><p>styled</p>",
    "<svg><script>alert(1)</script></svg>",
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></object>',
    "<!--<script>alert(1)</script>--><p>after a comment</p>",
    '<form action="https://evil.example/"><input name="q"><button>go</button></form>',
    '<base href="javascript:alert(1)//">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '<p style="color:red">inline style</p>',
    '<details open ontoggle="alert(1)">x</details>',
]

DANGEROUS_SCHEME = re.compile(r"^(javascript|vbscript|data):", re.IGNORECASE)


def shared_cases() -> list[str]:
    if not SANITIZER_CASES.exists():
        return []
    return [case["input"] for case in json.loads(SANITIZER_CASES.read_text())]


def assert_only_the_editors_html(html: str, features=PARAGRAPH_FEATURES) -> None:
    allowed = rich_text.allow_list(features)
    for tag in BeautifulSoup(html, "html.parser").find_all(True):
        assert tag.name in allowed, tag
        for name, value in tag.attrs.items():
            assert name in allowed[tag.name], tag
            if name == "href":
                assert not DANGEROUS_SCHEME.match(re.sub(r"[\x00-\x20]", "", value)), tag
            if name == "id":
                assert value.isdigit(), tag


@pytest.mark.parametrize("html", HOSTILE)
def test_hostile_html_is_reduced_to_the_editors_html(html):
    clean = rich_text.sanitise(html, PARAGRAPH_FEATURES)
    assert_only_the_editors_html(clean)
    assert "<script" not in clean.lower()
    assert rich_text.sanitise(clean, PARAGRAPH_FEATURES) == clean


def test_every_shared_sanitizer_case_comes_out_inert():
    cases = shared_cases()
    if not cases:
        pytest.skip(f"{SANITIZER_CASES} is absent; only our own cases ran")
    assert len(cases) >= 70
    for html in cases:
        clean = rich_text.sanitise(html, PARAGRAPH_FEATURES)
        assert_only_the_editors_html(clean)
        assert rich_text.sanitise(clean, PARAGRAPH_FEATURES) == clean, html


def test_wagtail_internal_links_and_embeds_survive_when_the_features_have_them():
    html = (
        '<p data-block-key="k1"><a linktype="page" id="3">page</a> '
        '<a linktype="document" id="12">file</a></p>'
        '<embed alt="A road" embedtype="image" format="fullwidth" id="7"/>'
        '<embed embedtype="media" url="https://www.youtube.com/watch?v=x"/>'
    )
    clean = rich_text.sanitise(html, ["link", "document-link", "image", "embed"])
    soup = BeautifulSoup(clean, "html.parser")
    assert [a.attrs for a in soup.find_all("a")] == [
        {"linktype": "page", "id": "3"},
        {"linktype": "document", "id": "12"},
    ]
    assert [e.attrs for e in soup.find_all("embed")] == [
        {"alt": "A road", "embedtype": "image", "format": "fullwidth", "id": "7"},
        {"embedtype": "media", "url": "https://www.youtube.com/watch?v=x"},
    ]


def test_what_the_features_lack_goes():
    """The story's paragraphs have page links, not documents, pictures or headings."""
    html = (
        '<h2 data-block-key="a">Heading</h2><p><a linktype="document" id="12">file</a></p>'
        '<embed embedtype="image" id="7" format="left" alt="x"/>'
    )
    clean = rich_text.sanitise(html, PARAGRAPH_FEATURES)
    assert clean == 'Heading<p><a id="12">file</a></p>'


def test_a_feature_without_an_allow_list_is_refused():
    with pytest.raises(rich_text.UnknownFeature):
        rich_text.sanitise("<p>x</p>", ["bold", "blink"])


# The editor's own output, generated: what Draftail sends for the story's paragraph features.
STYLES = ["BOLD", "ITALIC", "SUPERSCRIPT", "SUBSCRIPT"]
BLOCK_TYPES = ["unstyled", "unordered-list-item", "ordered-list-item"]
texts = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")) | st.sampled_from("<>&\"' \n"),
    min_size=1,
    max_size=40,
)
links = st.one_of(
    st.builds(lambda page: {"id": page, "url": "/x/", "parentId": 1}, st.integers(1, 10**6)),
    st.builds(
        lambda path: {"url": f"https://example.org/{path}?a=1&b=2"},
        st.text("abcxyz-_/é", max_size=12),
    ),
    st.just({"url": "mailto:desk@example.org"}),
    st.just({"url": "#section"}),
)


@st.composite
def contentstate(draw):
    blocks, entities = [], {}
    for number in range(draw(st.integers(1, 5))):
        text = draw(texts)
        styles = [
            {"offset": start, "length": length, "style": draw(st.sampled_from(STYLES))}
            for start, length in draw(
                st.lists(
                    st.tuples(st.integers(0, len(text) - 1), st.integers(1, len(text))),
                    max_size=3,
                )
            )
            if start + length <= len(text)
        ]
        ranges = []
        if draw(st.booleans()) and len(text) > 1:
            key = len(entities)
            entities[str(key)] = {"type": "LINK", "mutability": "MUTABLE", "data": draw(links)}
            ranges.append({"offset": 0, "length": len(text) - 1, "key": key})
        blocks.append(
            {
                "key": f"k{number}x{draw(st.integers(0, 999))}",
                "type": draw(st.sampled_from(BLOCK_TYPES)),
                "text": text,
                "depth": 0,
                "inlineStyleRanges": styles,
                "entityRanges": ranges,
            }
        )
    return {"blocks": blocks, "entityMap": entities}


@pytest.mark.django_db
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(contentstate())
@example(  # a line break: nh3 writes <br>, which Wagtail's editor cannot read back
    {
        "blocks": [
            {
                "key": "k0x0",
                "type": "unstyled",
                "text": "line\nbreak",
                "depth": 0,
                "inlineStyleRanges": [],
                "entityRanges": [],
            }
        ],
        "entityMap": {},
    }
)
def test_the_editors_content_round_trips_unchanged(state):
    """Editor → database HTML → sanitiser → editor: the same document, and stable."""
    converter = ContentstateConverter(PARAGRAPH_FEATURES)
    stored = converter.to_database_format(json.dumps(state))
    clean = rich_text.sanitise(stored, PARAGRAPH_FEATURES)

    assert converter.from_database_format(clean) == converter.from_database_format(stored)
    assert rich_text.sanitise(clean, PARAGRAPH_FEATURES) == clean


fragments = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<b>",
        "</b>",
        "<a ",
        "href=",
        '"javascript:alert(1)"',
        "'",
        '"',
        ">",
        "<script>",
        "</script>",
        "<img ",
        "onerror=alert(1)",
        "<svg ",
        "onload=",
        "<!--",
        "-->",
        '<a linktype="page" id="',
        "3",
        "<embed ",
        'embedtype="image"',
        "/>",
        "<style>",
        "data-block-key=",
        "<ul><li>",
        "</li></ul>",
        "&lt;",
        "&#x6A;",
        "<![CDATA[",
        "]]>",
        " ",
        "<iframe src=",
        "<math>",
        "<noscript>",
        "<textarea>",
        "<title>",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(fragments | st.text(max_size=5), max_size=40).map("".join))
def test_any_input_leaves_only_the_editors_html(html):
    clean = rich_text.sanitise(html, PARAGRAPH_FEATURES)
    assert_only_the_editors_html(clean)
    assert rich_text.sanitise(clean, PARAGRAPH_FEATURES) == clean
