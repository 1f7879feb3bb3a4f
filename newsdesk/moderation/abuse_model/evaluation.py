"""Measuring a scorer on a labelled CSV: held rates, precision, recall, a sweep, and time.

`newsdesk evaluate_scorer` prints what `evaluate` returns; moderators run it on their own
exports to choose thresholds, and the figures in docs/apps/moderation.md come from it.
"""

import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsdesk.moderation.abuse_model.training import LabelledComment, threshold_for
from newsdesk.moderation.scorers import ModelScorer
from newsdesk.moderation.thresholds import scoring_language
from newsdesk.moderation.verdicts import Action, strongest

SWEEP = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


@dataclass(frozen=True)
class ScoredRow:
    """One row as the scorer saw it."""

    row: LabelledComment
    language: str
    abuse: float
    threat: float
    pattern_action: Action
    action: Action
    seconds: float

    @property
    def held(self) -> bool:
        return self.action >= Action.HOLD


@dataclass
class Figures:
    """Held rates and precision for one group of rows."""

    rows: int
    abusive: int
    abusive_held: float
    acceptable_held: float
    precision: float
    recall: float


@dataclass
class Report:
    """Everything `evaluate_scorer` prints."""

    overall: Figures
    by_language: dict[str, Figures]
    sweep: dict[str, list[tuple[float, Figures]]]
    at_five_percent: dict[str, tuple[float, Figures]]
    median_ms: float
    p99_ms: float
    scored: list[ScoredRow] = field(default_factory=list)


def figures(held: Sequence[bool], labels: Sequence[int]) -> Figures:
    """Held rates on abusive and acceptable rows, precision and recall of "held"."""
    abusive = [h for h, label in zip(held, labels, strict=True) if label == 1]
    acceptable = [h for h, label in zip(held, labels, strict=True) if label == 0]
    caught = sum(abusive)
    all_held = sum(held)
    return Figures(
        rows=len(labels),
        abusive=len(abusive),
        abusive_held=caught / len(abusive) if abusive else 0.0,
        acceptable_held=sum(acceptable) / len(acceptable) if acceptable else 0.0,
        precision=caught / all_held if all_held else 0.0,
        recall=caught / len(abusive) if abusive else 0.0,
    )


def score_rows(scorer: ModelScorer, rows: Sequence[LabelledComment]) -> list[ScoredRow]:
    """Every row through the whole scorer (patterns and model), timed one by one."""
    scored = []
    for row in rows:
        language = row.language or "en"
        started = time.perf_counter()
        scores, patterns, verdicts = scorer.score_in_parts(row.text, language)
        seconds = time.perf_counter() - started
        scored.append(
            ScoredRow(
                row=row,
                language=scoring_language(row.text, language),
                abuse=scores.abuse,
                threat=scores.threat,
                pattern_action=strongest(patterns),
                action=strongest(verdicts),
                seconds=seconds,
            )
        )
    return scored


def _held_at(row: ScoredRow, abuse: float, threat: float) -> bool:
    return row.pattern_action >= Action.HOLD or row.abuse >= abuse or row.threat >= threat


def evaluate(scorer: ModelScorer, rows: Sequence[LabelledComment]) -> Report:
    """Score `rows` and measure: as configured, per language, and over a threshold sweep."""
    scored = score_rows(scorer, rows)
    labels = [s.row.label for s in scored]
    groups: dict[str, list[ScoredRow]] = {}
    for s in scored:
        groups.setdefault(s.language, []).append(s)
    sweep, at_five = {}, {}
    for language, group in sorted(groups.items()):
        group_labels = [s.row.label for s in group]
        threat = scorer.thresholds("", language).threat
        sweep[language] = [
            (t, figures([_held_at(s, t, threat) for s in group], group_labels)) for t in SWEEP
        ]
        # The lowest abuse threshold holding at most 5% of acceptable rows, patterns included.
        acceptable = [
            s.abuse
            for s in group
            if s.row.label == 0 and not _held_at(s, 2.0, threat)  # held whatever the score
        ]
        already = sum(1 for s in group if s.row.label == 0) - len(acceptable)
        allowed = 0.05 * (len(acceptable) + already) - already
        share = max(allowed, 0) / len(acceptable) if acceptable else 0.0
        chosen = threshold_for(acceptable, share) if acceptable else 0.5
        at_five[language] = (
            chosen,
            figures([_held_at(s, chosen, threat) for s in group], group_labels),
        )
    times = sorted(s.seconds * 1000 for s in scored)
    return Report(
        overall=figures([s.held for s in scored], labels),
        by_language={
            language: figures([s.held for s in group], [s.row.label for s in group])
            for language, group in sorted(groups.items())
        },
        sweep=sweep,
        at_five_percent=at_five,
        median_ms=statistics.median(times) if times else 0.0,
        p99_ms=times[min(len(times) - 1, int(0.99 * len(times)))] if times else 0.0,
        scored=scored,
    )
