"""The recipe for the abuse model: read labelled comments, fit, measure on the dev split, write.

Needs scikit-learn and scipy (`pip install 'newsdesk[train]'`); scoring with the result does not.
Run through `newsdesk train_scorer` (see docs/apps/moderation.md#retraining).
"""

import csv
import random
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from newsdesk.moderation.abuse_model.features import FeatureSpec, bucket_counts
from newsdesk.moderation.abuse_model.model import AbuseModel, quantised_idf, quantised_threat

#: At most this share of acceptable comments may be held at the recommended threshold.
TARGET_ACCEPTABLE_HELD = 0.05

#: At most this share of comments that are not threats may be held for a threat score.
THREAT_OTHERS_HELD = 0.02

#: The shared training sets: folder name and language.
SHARED_SETS = (("en-jigsaw", "en"), ("ru-2ch-pikabu", "ru"))


@dataclass(frozen=True)
class LabelledComment:
    """One comment with its label: 1 abusive, 0 acceptable; `threat` 1, 0 or None (unknown)."""

    text: str
    label: int
    language: str = ""
    threat: int | None = None


class TrainingDataError(ValueError):
    """A training or evaluation file that cannot be read as labelled comments."""


def _label(value: str, path: Path, line: int, column: str) -> int:
    value = (value or "").strip()
    if value in ("0", "1", "0.0", "1.0"):
        return int(float(value))
    raise TrainingDataError(f"{path}, row {line}: {column} must be 0 or 1, not {value!r}.")


def read_labelled_csv(
    path: Path | str, language: str = "", require_label: bool = True
) -> list[LabelledComment]:
    """Rows of a CSV with `text`, `label` and optionally `language` and `threat` columns.

    Raises TrainingDataError naming the file and row when a column is missing or a label is not
    0 or 1.
    """
    path = Path(path)
    try:
        handle = open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115 (closed below)
    except OSError as error:
        raise TrainingDataError(f"Cannot read {path}: {error.strerror or error}.") from error
    with handle:
        reader = csv.DictReader(handle)
        columns = reader.fieldnames or []
        needed = ["text", "label"] if require_label else ["text"]
        missing = [name for name in needed if name not in columns]
        if missing:
            raise TrainingDataError(
                f"{path} has no {' or '.join(missing)} column (it has: {', '.join(columns)})."
            )
        rows = []
        try:
            for line, row in enumerate(reader, start=2):
                label = _label(row["label"], path, line, "label") if "label" in columns else 0
                threat = (
                    _label(row["threat"], path, line, "threat")
                    if "threat" in columns and (row.get("threat") or "").strip()
                    else None
                )
                rows.append(
                    LabelledComment(
                        text=row["text"] or "",
                        label=label,
                        language=(row.get("language") or language or "").strip()[:2],
                        threat=threat,
                    )
                )
        except UnicodeDecodeError as error:
            raise TrainingDataError(f"{path} is not UTF-8 text: {error}.") from error
        except csv.Error as error:
            raise TrainingDataError(f"{path} is not a readable CSV file: {error}.") from error
    return rows


def read_shared_sets(root: Path, split: str) -> list[LabelledComment]:
    """The `split` ("train" or "dev") of every shared set under `root` that is present."""
    rows: list[LabelledComment] = []
    for folder, language in SHARED_SETS:
        path = root / folder / f"{split}.csv"
        if path.exists():
            rows += read_labelled_csv(path, language)
    return rows


def split_rows(
    rows: Sequence[LabelledComment], dev_share: float = 0.1, seed: int = 0
) -> tuple[list[LabelledComment], list[LabelledComment]]:
    """Train and dev parts of `rows`, stratified by label, reproducibly."""
    train, dev = [], []
    for label in (0, 1):
        group = [row for row in rows if row.label == label]
        random.Random(seed).shuffle(group)  # noqa: S311 (a reproducible split, not a secret)
        cut = round(len(group) * dev_share)
        dev += group[:cut]
        train += group[cut:]
    return train, dev


def _csr(rows: list[tuple[np.ndarray, np.ndarray]], columns: int):
    from scipy import sparse

    indptr = np.cumsum([0] + [len(indices) for indices, _ in rows])
    indices = [indices for indices, _ in rows] or [np.zeros(0, dtype=np.int64)]
    counts = [counts for _, counts in rows] or [np.zeros(0)]
    return sparse.csr_matrix(
        (np.concatenate(counts).astype(np.float64), np.concatenate(indices), indptr),
        shape=(len(rows), columns),
    )


def count_matrices(texts: Iterable[str], spec: FeatureSpec):
    """Two sparse matrices of raw bucket counts, one row per text: characters, words."""
    blocks = [bucket_counts(text, spec) for text in texts]
    return (
        _csr([characters for characters, _ in blocks], spec.buckets),
        _csr([words for _, words in blocks], spec.buckets),
    )


def tf_idf(counts, idf: np.ndarray | None):
    """Sublinear tf, times idf, rows scaled to unit length: what `features.weighted` computes."""
    from sklearn.preprocessing import normalize

    matrix = counts.copy()
    matrix.data = 1.0 + np.log(matrix.data)
    if idf is not None:
        matrix = matrix.multiply(idf.astype(np.float64)).tocsr()
    return normalize(matrix, norm="l2", copy=False)


def feature_matrix(characters, words, idf: np.ndarray | None, spec: FeatureSpec):
    """The features `features.feature_values` computes, for every row of the count matrices."""
    return (tf_idf(characters, idf) + spec.word_weight * tf_idf(words, idf)).tocsr()


def inverse_document_frequency(counts) -> np.ndarray:
    """Smoothed idf per bucket, as scikit-learn's TfidfTransformer computes it."""
    documents = counts.shape[0]
    frequency = np.bincount(counts.indices, minlength=counts.shape[1])
    return (np.log((1 + documents) / (1 + frequency)) + 1).astype(np.float32)


def log_count_ratio(features, labels: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    """How much more often each bucket occurs in positive rows than in negative ones (log).

    Scaling the features by it before the regression (NB-LR, Wang and Manning 2012) helped on
    the dev splits; the scale folds into the weights, so scoring does not change. `alpha` is
    added to every bucket's sum on both sides: the smaller it is, the further the ratio of a
    bucket seen on one side only moves from zero.
    """
    positive = alpha + np.asarray(features[labels == 1].sum(axis=0)).ravel()
    negative = alpha + np.asarray(features[labels == 0].sum(axis=0)).ravel()
    return np.log((positive / positive.sum()) / (negative / negative.sum()))


def _fit(
    features,
    labels: np.ndarray,
    strength: float,
    balanced: bool,
    naive_bayes: bool,
    smoothing: float = 1.0,
):
    """Weights per bucket and the intercept of a logistic regression of `labels`."""
    from sklearn.linear_model import LogisticRegression

    if len(set(labels.tolist())) < 2:
        return np.zeros(features.shape[1]), -10.0 if not labels.any() else 10.0
    ratio = log_count_ratio(features, labels, smoothing) if naive_bayes else None
    scaled = features.multiply(ratio).tocsr() if ratio is not None else features
    classifier = LogisticRegression(
        C=strength,
        solver="liblinear",
        class_weight="balanced" if balanced else None,
        max_iter=1000,
    )
    classifier.fit(scaled, labels)
    weights = classifier.coef_[0]
    if ratio is not None:
        weights = weights * ratio
    return weights, float(classifier.intercept_[0])


def threshold_for(
    acceptable_scores: Sequence[float], share: float = TARGET_ACCEPTABLE_HELD
) -> float:
    """The lowest threshold that holds at most `share` of the acceptable comments."""
    scores = sorted(acceptable_scores, reverse=True)
    allowed = int(share * len(scores))
    if not scores:
        return 0.5
    if allowed >= len(scores):
        return 0.0
    # Hold scores >= threshold: set it just above the first score that must pass.
    return float(np.nextafter(np.float32(scores[allowed]), np.float32(1.0)))


def held_rate(scores: Sequence[float], threshold: float) -> float:
    """The share of `scores` at or above `threshold`."""
    return sum(score >= threshold for score in scores) / len(scores) if scores else 0.0


def figures_by_language(
    model: AbuseModel, rows: Sequence[LabelledComment], thresholds: dict[str, float] | None = None
) -> dict[str, dict]:
    """Per language: counts, the threshold holding 5% of acceptable, and the held rates at it."""
    by_language: dict[str, list[tuple[float, int]]] = {}
    for row in rows:
        by_language.setdefault(row.language, []).append((model.score(row.text).abuse, row.label))
    figures = {}
    for language, scored in sorted(by_language.items()):
        abusive = [score for score, label in scored if label == 1]
        acceptable = [score for score, label in scored if label == 0]
        threshold = (thresholds or {}).get(language, threshold_for(acceptable))
        figures[language] = {
            "rows": len(scored),
            "abusive": len(abusive),
            "threshold": round(threshold, 4),
            "abusive_held": round(held_rate(abusive, threshold), 4),
            "acceptable_held": round(held_rate(acceptable, threshold), 4),
        }
    return figures


def train_model(
    train: Sequence[LabelledComment],
    dev: Sequence[LabelledComment],
    spec: FeatureSpec | None = None,
    strength: float = 4.0,
    threat_strength: float = 4.0,
    use_idf: bool = True,
    naive_bayes: bool = True,
    sources: Sequence[str] = (),
    smoothing: float = 1.0,
) -> AbuseModel:
    """Fit the abuse and threat regressions on `train`; thresholds and figures from `dev`.

    `dev` must not overlap `train`: the figures in the model card are measured on it.
    `smoothing` is the abuse model's naive Bayes smoothing (`log_count_ratio`'s alpha); the
    threat model, with a few hundred threats to learn from, keeps 1.
    """
    spec = spec or FeatureSpec()
    started = time.monotonic()
    characters, words = count_matrices((row.text for row in train), spec)
    idf = None
    if use_idf:
        # As the model file stores it, so the features here are the ones scoring computes.
        codes, low, step = quantised_idf(inverse_document_frequency(characters + words))
        idf = (low + codes.astype(np.float32) * step).astype(np.float32)
    features = feature_matrix(characters, words, idf, spec)
    labels = np.array([row.label for row in train])
    abuse_weights, abuse_intercept = _fit(features, labels, strength, False, naive_bayes, smoothing)
    # Threat labels exist only where a set has them (Jigsaw's `threat` column): fit on those.
    known = np.array([row.threat is not None for row in train])
    threat_labels = np.array([row.threat or 0 for row in train])
    threat_weights, threat_intercept = _fit(
        features[known] if known.any() else features,
        threat_labels[known] if known.any() else threat_labels,
        threat_strength,
        True,
        naive_bayes,
    )
    trained_at = datetime.now(UTC)
    model = AbuseModel(
        spec=spec,
        idf=idf,
        abuse_weights=abuse_weights.astype(np.float16).astype(np.float32),
        threat_weights=_dequantised_threat(threat_weights),
        abuse_intercept=abuse_intercept,
        threat_intercept=threat_intercept,
        version=trained_at.strftime("%Y%m%d-%H%M%S"),
    )
    thresholds = {
        language: figures["threshold"]
        for language, figures in figures_by_language(model, dev).items()
    }
    threat_dev = _threat_figures(model, dev)
    if threat_dev:
        thresholds["threat"] = threat_dev["threshold"]
    model.thresholds = thresholds
    model.meta = {
        "trained_at": trained_at.isoformat(timespec="seconds"),
        "training_seconds": round(time.monotonic() - started, 1),
        "strength": strength,
        "threat_strength": threat_strength,
        "idf": use_idf,
        "naive_bayes": naive_bayes,
        "smoothing": smoothing,
        "sources": list(sources),
        "train": _counts(train),
        "dev": _counts(dev),
        "dev_figures": figures_by_language(model, dev, thresholds),
        "threat_dev": threat_dev,
    }
    return model


def _threat_figures(model: AbuseModel, dev: Sequence[LabelledComment]) -> dict | None:
    """The threat threshold holding at most 2% of dev comments that are not threats."""
    labelled = [(model.score(row.text).threat, row.threat) for row in dev if row.threat is not None]
    threats = [score for score, threat in labelled if threat]
    others = [score for score, threat in labelled if not threat]
    if not threats or not others:
        return None
    threshold = threshold_for(others, THREAT_OTHERS_HELD)
    return {
        "threshold": round(threshold, 4),
        "threats": len(threats),
        "threat_held": round(held_rate(threats, threshold), 4),
        "others_held": round(held_rate(others, threshold), 4),
    }


def _dequantised_threat(weights: np.ndarray) -> np.ndarray:
    codes, step = quantised_threat(weights)
    return codes.astype(np.float32) * step


def _counts(rows: Sequence[LabelledComment]) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {}
    for row in rows:
        entry = counts.setdefault(row.language or "?", {"rows": 0, "abusive": 0, "threat": 0})
        entry["rows"] += 1
        entry["abusive"] += row.label
        entry["threat"] += row.threat or 0
    return counts
