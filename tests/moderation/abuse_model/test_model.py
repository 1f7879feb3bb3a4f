"""The model shipped in the package: loaded once, within the size budget, scoring both languages."""

import itertools
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


def bucket_counts_one_by_one(text: str, spec: FeatureSpec) -> tuple[dict, dict]:
    """The features as the module docstring states them, every n-gram hashed in Python."""
    import zlib
    from collections import Counter

    def mix(value: int) -> int:
        return ((value * 0x9E3779B97F4A7C15) % 2**64) >> (64 - spec.bits)

    prepared = prepare(text, spec.max_chars)
    points = [ord(ch) for ch in prepared]
    characters, words = Counter(), Counter()
    for size in spec.char_sizes:
        for start in range(len(points) - size + 1):
            value = 0
            for point in points[start : start + size]:
                value = (value * 1_000_003 + point) % 2**64
            characters[mix(value + size)] += 1
    hashed = [zlib.crc32(word.encode(), 0x5BD1E995) for word in re.findall(r"\w+", prepared)]
    for value in hashed:
        words[mix(value + 2**40)] += 1
    for first, second in itertools.pairwise(hashed):
        words[mix((first * 1_000_003 + second) % 2**64 + 2**41)] += 1
    return dict(characters), dict(words)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["kill", "you", " ", "тебя", "k1ll", "!", "ёж", "😀"]), max_size=12
    ).map("".join)
    | st.text(max_size=40)
)
def test_bucket_counts_are_the_n_grams_hashed_one_by_one(text):
    """The numpy hashing (sizes mixed at once, word hashes remembered) counts every n-gram."""
    spec = FeatureSpec(bits=12)
    for _ in range(2):  # the second time the word hashes come from memory
        (chars, char_counts), (words, word_counts) = bucket_counts(text, spec)
        expected_chars, expected_words = bucket_counts_one_by_one(text, spec)
        assert dict(zip(chars.tolist(), char_counts.tolist(), strict=True)) == expected_chars
        assert dict(zip(words.tolist(), word_counts.tolist(), strict=True)) == expected_words
