"""The trained abuse and threat model: features, the model file, and the recipe that makes it.

Scoring needs numpy only; training (`training`) needs scikit-learn and scipy.
"""

from newsdesk.moderation.abuse_model.model import BUILTIN_MODEL, AbuseModel, Scores, load_model

__all__ = ["BUILTIN_MODEL", "AbuseModel", "Scores", "load_model"]
