"""The abuse model as shipped: a few numpy arrays and a JSON header, scored without scikit-learn.

A model is two logistic regressions over the same hashed features (see `features`): one for
abuse (insult, obscenity, hate, any toxicity) and one for threats of violence. The file is a
numpy `.npz` archive holding, one value per bucket, `abuse` (float16), `threat` (int8 steps of
`threat_scale`), `idf` (uint8 steps of `idf_step` from `idf_min`), and `meta` (JSON: the feature
spec, the scales, the two intercepts, the version, the recommended thresholds per language and
the figures the recipe measured). Storing the threat weights and idf in one byte each keeps a
model of 2**20 buckets under 5 MB; `quantised_idf` and `quantised_threat` give the values
scoring will use, so the recipe measures exactly what ships.
"""

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from newsdesk.moderation.abuse_model.features import FeatureSpec, feature_values

#: The model shipped with Newsdesk, trained by `newsdesk train_scorer`.
BUILTIN_MODEL = Path(__file__).resolve().parent / "data" / "abuse-model.npz"


@dataclass(frozen=True)
class Scores:
    """What the model says about one comment: two probabilities from 0 to 1."""

    abuse: float
    threat: float


def quantised_idf(idf: np.ndarray) -> tuple[np.ndarray, float, float]:
    """`idf` in 256 even steps: (codes, lowest value, step)."""
    low, high = float(idf.min()), float(idf.max())
    step = (high - low) / 255 or 1.0
    return np.round((idf - low) / step).astype(np.uint8), low, step


def quantised_threat(weights: np.ndarray) -> tuple[np.ndarray, float]:
    """Threat weights in 255 even steps around zero: (codes, step)."""
    step = float(np.abs(weights).max()) / 127 or 1.0
    return np.clip(np.round(weights / step), -127, 127).astype(np.int8), step


def _sigmoid(value: float) -> float:
    if value >= 0:
        return 1.0 / (1.0 + math.exp(-value))
    exp = math.exp(value)
    return exp / (1.0 + exp)


@dataclass
class AbuseModel:
    """Hashed n-gram features and two logistic regressions, loaded from one file."""

    spec: FeatureSpec
    idf: np.ndarray | None
    abuse_weights: np.ndarray
    threat_weights: np.ndarray
    abuse_intercept: float
    threat_intercept: float
    version: str
    thresholds: dict[str, float] = field(default_factory=dict)
    meta: dict = field(default_factory=dict)

    def score(self, text: str, normalised: str | None = None) -> Scores:
        """The abuse and threat probabilities of `text` (any language the model was trained on).

        `normalised` is `matching.normalise(text)` when the caller has it already.
        """
        indices, values = feature_values(text, self.spec, self.idf, normalised)
        abuse = float(np.dot(self.abuse_weights[indices], values)) + self.abuse_intercept
        threat = float(np.dot(self.threat_weights[indices], values)) + self.threat_intercept
        return Scores(_sigmoid(abuse), _sigmoid(threat))

    def recommended_threshold(self, language: str) -> float | None:
        """The hold threshold the recipe chose for `language` on its dev split, if any."""
        return self.thresholds.get((language or "")[:2])

    def save(self, path: Path) -> None:
        """Write the model to `path` (a compressed `.npz`)."""
        meta = {
            **self.meta,
            "spec": self.spec.as_json(),
            "abuse_intercept": self.abuse_intercept,
            "threat_intercept": self.threat_intercept,
            "version": self.version,
            "thresholds": self.thresholds,
        }
        threat, meta["threat_scale"] = quantised_threat(self.threat_weights)
        arrays = {"abuse": self.abuse_weights.astype(np.float16), "threat": threat}
        if self.idf is not None:
            arrays["idf"], meta["idf_min"], meta["idf_step"] = quantised_idf(self.idf)
        arrays["meta"] = np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8)
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as out:
            np.savez_compressed(out, **arrays)

    @classmethod
    def load(cls, path: Path | str) -> "AbuseModel":
        """Read a model written by `save`; raises ValueError when the file is not one."""
        try:
            with np.load(path, allow_pickle=False) as data:
                meta = json.loads(data["meta"].tobytes().decode())
                spec = FeatureSpec.from_json(meta["spec"])
                idf = None
                if "idf" in data.files:
                    idf = meta["idf_min"] + data["idf"].astype(np.float32) * meta["idf_step"]
                abuse = data["abuse"].astype(np.float32)
                threat = data["threat"].astype(np.float32) * meta["threat_scale"]
        except (OSError, KeyError, ValueError) as error:
            raise ValueError(f"{path} is not a Newsdesk abuse model: {error}") from error
        if abuse.shape != (spec.buckets,) or threat.shape != (spec.buckets,):
            raise ValueError(f"{path} has weights of the wrong size for its feature spec.")
        return cls(
            spec=spec,
            idf=idf,
            abuse_weights=abuse,
            threat_weights=threat,
            abuse_intercept=float(meta["abuse_intercept"]),
            threat_intercept=float(meta["threat_intercept"]),
            version=str(meta["version"]),
            thresholds={k: float(v) for k, v in meta.get("thresholds", {}).items()},
            meta=meta,
        )


def load_model(path: str | Path = "") -> AbuseModel:
    """The model at `path` (the built-in one when empty), read once per process."""
    return _load_once(str(path or BUILTIN_MODEL))


@lru_cache(maxsize=4)
def _load_once(path: str) -> AbuseModel:
    return AbuseModel.load(path)
