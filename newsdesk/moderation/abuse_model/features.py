"""Reading a comment as numbers: hashed character and word n-grams, the same in training and use.

The text is first read as the word lists read it (newsdesk.moderation.matching.normalise: case,
accents, invisible characters, spelt-out letters, look-alike digits and letters of the other
alphabet), so "k1ll", "K I L L" and a Latin "о" inside a Russian word all look like the words a
reader sees. Then every character n-gram (lengths `char_sizes`, across word boundaries, so short
phrases count too) and every word and word pair is hashed into one of 2**bits buckets.

Hashing needs no vocabulary: the model file is a few arrays, and a word never seen in training
simply lands in a bucket that carries what its n-grams carried. The hash is computed with numpy
from the text's code points, so it is stable across processes (Python's str hash is not).
"""

import re
import zlib
from dataclasses import dataclass

import numpy as np

from newsdesk.moderation.matching import normalise

_WORDS = re.compile(r"\w+")
_MIX = np.uint64(0x9E3779B97F4A7C15)
_PRIME = np.uint64(1_000_003)
# Word features start from their own seed so that a word and a character n-gram rarely share.
_WORD_SEED = 0x5BD1E995


@dataclass(frozen=True)
class FeatureSpec:
    """Which n-grams a model reads and how many buckets they fall into."""

    bits: int = 19
    char_sizes: tuple[int, ...] = (1, 2, 3, 4, 5)
    words: bool = True
    word_pairs: bool = True
    max_chars: int = 5000
    word_weight: float = 1.0

    @property
    def buckets(self) -> int:
        return 1 << self.bits

    def as_json(self) -> dict:
        return {
            "bits": self.bits,
            "char_sizes": list(self.char_sizes),
            "words": self.words,
            "word_pairs": self.word_pairs,
            "max_chars": self.max_chars,
            "word_weight": self.word_weight,
        }

    @classmethod
    def from_json(cls, data: dict) -> "FeatureSpec":
        return cls(
            bits=int(data["bits"]),
            char_sizes=tuple(int(n) for n in data["char_sizes"]),
            words=bool(data["words"]),
            word_pairs=bool(data["word_pairs"]),
            max_chars=int(data["max_chars"]),
            word_weight=float(data.get("word_weight", 1.0)),
        )


def prepare(text: str, max_chars: int = 5000, normalised: str | None = None) -> str:
    """The text as the model reads it: normalised, spaces collapsed, padded with one space."""
    if normalised is None:
        normalised = normalise(text)
    # str.split() splits where `\s` matches (both read Unicode's white space), in C.
    return " " + " ".join(normalised[:max_chars].split()) + " "


class _WordHashes(dict):
    """Each word's crc32, remembered: a comment's words are mostly words seen before."""

    def __missing__(self, word: str) -> int:
        value = zlib.crc32(word.encode(), _WORD_SEED)
        if len(self) < 50_000:  # a flood of new words must not grow it forever
            self[word] = value
        return value


_WORD_HASHES = _WordHashes()


def _mix(hashes: np.ndarray, bits: int) -> np.ndarray:
    return ((hashes * _MIX) >> np.uint64(64 - bits)).astype(np.int64)


def _unique(parts: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    if not parts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.unique(np.concatenate(parts), return_counts=True)


Block = tuple[np.ndarray, np.ndarray]


def bucket_counts(
    text: str, spec: FeatureSpec, normalised: str | None = None
) -> tuple[Block, Block]:
    """The buckets `text` falls into and how often: (indices, counts) for characters, for words."""
    prepared = prepare(text, spec.max_chars, normalised)
    points = np.frombuffer(prepared.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    characters, words = [], []
    rolling = np.zeros(len(points), dtype=np.uint64)
    longest = max(spec.char_sizes, default=0)
    with np.errstate(over="ignore"):
        for size in range(1, min(longest, len(points)) + 1):
            # rolling[i] is the hash of points[i : i + size].
            rolling = rolling[: len(points) - size + 1] * _PRIME + points[size - 1 :]
            if size in spec.char_sizes:
                characters.append(rolling + np.uint64(size))
        if characters:  # mixed in one go: the same buckets, a fifth of the numpy calls
            characters = [_mix(np.concatenate(characters), spec.bits)]
        if spec.words or spec.word_pairs:
            found = _WORDS.findall(prepared)
            hashed = np.fromiter(
                map(_WORD_HASHES.__getitem__, found), dtype=np.uint64, count=len(found)
            )
            if spec.words and len(hashed):
                words.append(_mix(hashed + np.uint64(1 << 40), spec.bits))
            if spec.word_pairs and len(hashed) > 1:
                pairs = hashed[:-1] * _PRIME + hashed[1:]
                words.append(_mix(pairs + np.uint64(1 << 41), spec.bits))
    return _unique(characters), _unique(words)


def weighted(counts: np.ndarray, idf: np.ndarray | None, indices: np.ndarray) -> np.ndarray:
    """Sublinear term frequency times idf, scaled to unit length (as TF-IDF with l2 norm)."""
    values = 1.0 + np.log(counts.astype(np.float64))
    if idf is not None:
        values *= idf[indices]
    norm = np.sqrt(np.dot(values, values))
    return values / norm if norm else values


def feature_values(
    text: str, spec: FeatureSpec, idf: np.ndarray | None, normalised: str | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """The features of `text`: bucket indices and values.

    Each block (characters, words) is TF-IDF weighted and scaled to unit length, the word block
    then by `spec.word_weight`.
    """
    (chars, char_counts), (words, word_counts) = bucket_counts(text, spec, normalised)
    values = [weighted(char_counts, idf, chars)]
    if len(words):
        values.append(spec.word_weight * weighted(word_counts, idf, words))
    return np.concatenate((chars, words)), np.concatenate(values)
