"""The model shipped in the package: loaded once, within the size budget, scoring both languages."""

import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.moderation.abuse_model import BUILTIN_MODEL, AbuseModel, load_model
from newsdesk.moderation.abuse_model.features import FeatureSpec, bucket_counts, prepare


def test_the_shipped_model_is_at_most_5_mb_and_has_a_card():
    assert BUILTIN_MODEL.stat().st_size <= 5 * 1024 * 1024
    card = BUILTIN_MODEL.with_suffix(".md").read_text()
    assert load_model().version in card


def test_it_is_loaded_once_per_process():
    assert load_model() is load_model()
    assert load_model("") is load_model()


@pytest.mark.parametrize(
    ("abusive", "acceptable"),
    [
        ("You are a pathetic idiot, shut up", "Thank you for covering the council meeting."),
        ("Ты тупой урод, заткнись", "Спасибо за статью о ремонте моста."),
    ],
)
def test_it_scores_abuse_above_acceptable_comments(abusive, acceptable):
    model = load_model()
    assert model.score(abusive).abuse > 0.5 > model.score(acceptable).abuse


def test_it_scores_a_threat_above_a_plain_insult():
    model = load_model()
    assert model.score("I will find you and kill you").threat > model.score("you idiot").threat


def test_it_recommends_a_threshold_per_language():
    model = load_model()
    for language in ("en", "ru"):
        assert 0 < model.recommended_threshold(language) < 1
    assert model.recommended_threshold("fr") is None


def test_look_alike_letters_score_as_the_word_they_imitate():
    model = load_model()
    plain = model.score("you are an idiot").abuse
    assert model.score("yоu аre аn idiоt").abuse == pytest.approx(plain, abs=0.02)


def test_a_file_that_is_not_a_model_is_refused(tmp_path):
    path = tmp_path / "not-a-model.npz"
    path.write_bytes(b"nothing here")
    with pytest.raises(ValueError, match="is not a Newsdesk abuse model"):
        AbuseModel.load(path)


def test_features_are_the_same_in_every_process():
    """The hash is computed from code points, not Python's per-process str hash."""
    (chars, counts), (words, _) = bucket_counts("kill", FeatureSpec(bits=10, char_sizes=(2,)))
    assert prepare("KILL") == " kill "
    # Pinned: a change to the hash would silently turn every shipped model into noise.
    assert chars.tolist() == [12, 42, 322, 345, 494] and counts.tolist() == [1] * 5
    assert words.dtype == np.int64 and words.tolist() == [447]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["kill", " ", "\n", "\t", "\u3000", "\x1c", "\u00a0", "Ёж", "."])).map(
        "".join
    )
    | st.text()
)
def test_prepare_collapses_spaces_as_the_regular_expression_did(text):
    """`str.split` reads white space as `\\s` does: the text the model reads is unchanged."""
    from newsdesk.moderation.matching import normalise

    assert prepare(text) == " " + re.sub(r"\s+", " ", normalise(text)[:5000]).strip() + " "
