"""The wire ingest benchmark's options."""

import pytest

from bench import wire_ingest


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--formats", "ninjs,newsml"], "unknown format(s) newsml; known: ninjs, newsml-g2"),
        (["--items", "0"], "--items must be at least 1"),
        (["--progress", "-1"], "--progress must be 0 or more"),
    ],
)
def test_bad_options_are_refused_with_what_was_wrong(monkeypatch, capsys, argv, message):
    """A bad option stops the run before the 10,000 files are written, saying what was wrong."""
    monkeypatch.setattr("sys.argv", ["wire_ingest.py", *argv])
    with pytest.raises(SystemExit):
        wire_ingest.parse_args()
    assert message in capsys.readouterr().err


def test_progress_defaults_to_every_thousand_items(monkeypatch):
    """A long run reports how far it got every 1,000 items unless told otherwise."""
    monkeypatch.setattr("sys.argv", ["wire_ingest.py"])
    assert wire_ingest.parse_args().progress == 1000
