# ruff: noqa: E501 (the tables of what each file says read one file a line)
"""Every format parses to the neutral item; hostile and broken files are refused with a reason."""

import contextlib
import json
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.wire.parsers import UnreadableItem, detect, parse
from newsdesk.wire.parsers.text import parse_date
from tests.wire.conftest import fixture

# file, format, headline, byline, agency, dateline, language, version created, pictures (href, credit)
EXPECTED = [
    ("ninjs-1.json", "ninjs", "Ministers meet on border crossings", "Aziz Karimov",
     "Caravanserai", "ANKARA", "en", "2026-02-11T09:30:00+00:00", [("photo-1.jpg", "Jane Doe/AFP")]),
    ("ninjs-2.json", "ninjs", "Паводок в долине реки", "Анна Петрова", "AFP", "Osh", "ru",
     "2026-03-01T08:00:00+03:00", [("flood.jpg", "Ivan Ivanov/AFP")]),
    ("ninjs-3.json", "ninjs", "Résultats du scrutin", "Marie Dupont", "AFP", "BISHKEK", "fr",
     "2026-04-02T10:00:00+00:00", [("vote.jpg", "Paul Martin/AFP")]),
    ("newsml-g2-text.xml", "newsml-g2", "Earthquake shakes Dushanbe", "Farid Rahimov", "Reuters",
     "DUSHANBE, May 5", "en", "2026-05-05T06:10:00+00:00", []),
    ("newsml-g2-picture.xml", "newsml-g2", "Cracked wall in Dushanbe", "", "AFP", "", "en",
     "2026-05-05T06:20:00+00:00", [("quake-large.jpg", "Ali Nazarov/AFP")]),
    ("newsml-g2-package.xml", "newsml-g2", "Quake in Dushanbe: text and pictures", "", "AFP", "",
     "en", "2026-05-05T06:30:00+00:00", [("quake-large.jpg", "")]),
    ("newsml-1.2.xml", "newsml-1.2", "Café owners count the cost", "José García",
     "Agence France-Presse", "ALMATY", "en", "2026-06-10T08:15:00+00:00",
     [("cafe.jpg", "Sam Lee/AFP")]),
    ("nitf.xml", "nitf", "Wheat harvest beats forecasts", "Nurlan Abenov", "AP", "KOSTANAY", "en",
     "2026-08-01T09:00:00+00:00", [("wheat.jpg", "Olga Kim/AP")]),
    ("rss-2.0.xml", "rss-2.0", "Bridge reopens after repairs", "Lena Orlova", "Regional Wire", "",
     "en", "2026-02-11T09:30:00+00:00", [("https://wire.example/bridge.jpg", "Regional Wire")]),
    ("rss-1.0.xml", "rss-1.0", "Comet seen over the steppe", "Dina Sultanova", "Science Desk", "",
     "en", "2026-01-20T21:00:00+06:00", []),
    ("atom.xml", "atom", "Zug fährt wieder", "Karl Berg", "Nachrichtendienst", "", "de",
     "2026-03-03T10:00:00+01:00", [("https://wire.example/zug.jpg", "")]),
]  # fmt: skip


@pytest.mark.parametrize("expected", EXPECTED, ids=[e[0] for e in EXPECTED])
def test_each_format_lands_in_the_neutral_item(expected):
    name, fmt, headline, byline, agency, dateline, language, created, pictures = expected
    assert detect(fixture(name)) == fmt
    (item,) = parse(fixture(name))
    assert item.format == fmt
    assert (item.headline, item.byline, item.agency) == (headline, byline, agency)
    assert (item.dateline_place, item.language) == (dateline, language)
    assert item.version_created == datetime.fromisoformat(created)
    assert [(p.href, p.credit) for p in item.pictures] == pictures
    assert item.uri


def test_captions_alt_text_embargo_urgency_tags_and_standfirst():
    (nitf,) = parse(fixture("nitf.xml"))
    assert nitf.pictures[0].caption == "A combine near Kostanay, Aug. 1."
    assert nitf.pictures[0].alt_text == "A combine in a wheat field"
    assert nitf.embargo == datetime(2026, 8, 1, 12, tzinfo=UTC)
    assert (nitf.urgency, nitf.version, nitf.tags) == (4, "2", ["farming", "wheat"])
    assert nitf.standfirst == "Farmers in the north report record yields."
    assert "wheat.jpg" not in nitf.body_html  # the picture left the text
    (g2,) = parse(fixture("newsml-g2-picture.xml"))
    assert g2.kind == "picture" and g2.pictures[0].alt_text == "A wall with a long crack"
    assert g2.pictures[0].width == 1600  # the largest rendition
    (text,) = parse(fixture("newsml-g2-text.xml"))
    assert text.embargo == datetime(2026, 5, 5, 7, tzinfo=UTC) and text.urgency == 2
    assert text.body_html == "<p>Buildings shook.</p><p>No one was hurt.</p>"
    (ninjs2,) = parse(fixture("ninjs-2.json"))
    assert ninjs2.pictures[0].alt_text == "A flooded street"
    assert ninjs2.body_html == "<p>Первый абзац.</p><p>Второй абзац.</p>"


def test_scripts_and_event_handlers_are_removed_from_bodies_with_a_note():
    (ninjs1,) = parse(fixture("ninjs-1.json"))
    assert "<script" not in ninjs1.body_html and "alert" not in ninjs1.body_html
    assert ninjs1.body_html == (
        "<p>Ministers met on <b>Tuesday</b>.</p><h2>What next</h2><p>More talks follow.</p>"
    )
    assert any("removed" in note for note in ninjs1.notes)
    (rss,) = parse(fixture("rss-2.0.xml"))
    assert "onclick" not in rss.body_html and "onerror" not in rss.body_html


def test_a_declared_latin1_file_is_read_in_its_encoding():
    (item,) = parse(fixture("newsml-1.2-latin1.xml"))
    assert item.headline == "Café crème"


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("hostile-bomb.xml", "entities"),
        ("hostile-external-entity.xml", "entities or external references"),
        ("broken.xml", "The XML is broken"),
        ("broken.json", "The JSON is broken"),
        ("page-with-script.html", "HTML web page"),
        ("wrong-encoding.xml", "another encoding"),
    ],
)
def test_hostile_and_broken_files_are_refused_with_the_reason(name, reason):
    with pytest.raises(UnreadableItem, match=reason):
        parse(fixture(name))


def test_a_source_that_names_a_format_refuses_another():
    with pytest.raises(UnreadableItem, match="Expected IPTC NITF"):
        parse(fixture("atom.xml"), "nitf")


def test_dates_in_the_forms_agencies_write():
    assert parse_date("20130605T210000+0000") == datetime(2013, 6, 5, 21, tzinfo=UTC)
    assert parse_date("Seg, 24 Set 2018 19:42:40 -0300").isoformat() == (
        "2018-09-24T19:42:40-03:00"
    )
    assert parse_date("2026-01-01T10:00:00") == datetime(2026, 1, 1, 10, tzinfo=UTC)
    assert parse_date("yesterday") is None


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_parse_or_are_refused_with_a_reason(data):
    try:
        parse(data)
    except UnreadableItem as error:
        assert str(error)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_any_text_inside_a_feed_item_parses_or_is_refused(text):
    from xml.sax.saxutils import escape

    data = (
        f'<rss version="2.0"><channel><item><title>{escape(text)}</title>'
        f"<description>{escape(text)}</description></item></channel></rss>"
    ).encode()
    with contextlib.suppress(UnreadableItem):
        parse(data)


def test_a_ninjs_3_embargo_is_read_under_its_3_x_name():
    """ninjs 3.x writes `embargoedUntil` (1.x and 2.x wrote `embargoed`): both hold the story."""
    item = json.loads(fixture("ninjs-3.json"))
    item.pop("embargoed", None)
    item["embargoedUntil"] = "2026-12-24T06:00:00Z"
    (parsed,) = parse(json.dumps(item).encode())
    assert parsed.embargo == datetime(2026, 12, 24, 6, tzinfo=UTC)


def test_a_correction_in_ninjs_is_a_note_for_the_desk_not_the_standfirst():
    """A sender's correction notice (role `correction` or `update`) goes to the ingest log."""
    item = json.loads(fixture("ninjs-3.json"))
    item["descriptions"] = [
        {"role": "correction", "value": "An earlier version misspelt the mayor's name."}
    ]
    for key in ("description_text", "description_html"):
        item.pop(key, None)
    (parsed,) = parse(json.dumps(item).encode())
    assert parsed.standfirst == ""
    assert "The sender notes a correction: An earlier version misspelt the mayor's name." in (
        parsed.notes
    )
