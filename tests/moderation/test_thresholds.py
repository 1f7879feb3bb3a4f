"""Scorer thresholds: the most specific row wins, and a threshold changes the verdict."""

from types import SimpleNamespace

import numpy as np
import pytest
from django.core.exceptions import ValidationError

from newsdesk.moderation import scorers
from newsdesk.moderation.abuse_model import AbuseModel
from newsdesk.moderation.abuse_model.features import FeatureSpec, bucket_counts
from newsdesk.moderation.models import ScorerThreshold
from newsdesk.moderation.scorers import ModelScorer
from newsdesk.moderation.thresholds import Thresholds, resolve, scoring_language
from newsdesk.moderation.verdicts import Action


def row(site_id=None, language="", abuse=None, threat=None):
    return SimpleNamespace(site_id=site_id, language=language, abuse_hold=abuse, threat_hold=threat)


RECOMMENDED = {"en": 0.4, "ru": 0.45, "threat": 0.6}


def test_without_rows_the_models_recommendation_applies():
    assert resolve([], 1, "ru", RECOMMENDED) == Thresholds(0.45, 0.6)


def test_a_language_without_a_recommendation_uses_the_settings(settings):
    settings.NEWSDESK_MODERATION_ABUSE_THRESHOLD = 0.7
    assert resolve([], 1, "fr", RECOMMENDED).abuse == 0.7


def test_the_most_specific_row_wins_field_by_field():
    rows = [
        row(abuse=0.9, threat=0.9),
        row(language="en", abuse=0.8),
        row(site_id=1, abuse=0.7),
        row(site_id=1, language="en", threat=0.3),
        row(site_id=2, language="en", abuse=0.1),
    ]
    assert resolve(rows, 1, "en", RECOMMENDED) == Thresholds(abuse=0.7, threat=0.3)
    assert resolve(rows, 1, "ru", RECOMMENDED) == Thresholds(abuse=0.7, threat=0.9)
    assert resolve(rows, 3, "en", RECOMMENDED) == Thresholds(abuse=0.8, threat=0.9)
    assert resolve(rows, None, "ru", RECOMMENDED) == Thresholds(abuse=0.9, threat=0.9)


@pytest.mark.parametrize(
    ("text", "declared", "expected"),
    [
        ("Спасибо за статью", "en", "ru"),
        ("Thanks for the story", "ru", "en"),
        ("Thanks for the story", "en", "en"),
        ("Merci pour l'article", "fr", "fr"),
        ("123", "ru", "ru"),
    ],
)
def test_the_thresholds_follow_the_language_the_comment_is_written_in(text, declared, expected):
    assert scoring_language(text, declared) == expected


def one_word_model(word: str, weight: float = 1.0) -> AbuseModel:
    """A model that knows one word: its buckets weigh `weight`, everything else nothing."""
    spec = FeatureSpec(bits=12, char_sizes=(3,), word_pairs=False)
    (chars, _), (words, _) = bucket_counts(word, spec)
    weights = np.zeros(spec.buckets, dtype=np.float32)
    weights[np.concatenate((chars, words))] = weight
    return AbuseModel(
        spec=spec,
        idf=None,
        abuse_weights=weights,
        threat_weights=np.zeros(spec.buckets, dtype=np.float32),
        abuse_intercept=-4.0,
        threat_intercept=-6.0,
        version="test-1",
        thresholds={"en": 0.5},
    )


def scorer_with(rows) -> ModelScorer:
    return ModelScorer(model=one_word_model("scoundrel"), threshold_rows=rows, threat_rules=())


def test_a_threshold_changes_the_verdict():
    """One score: held under a lower threshold, let through under a higher one."""
    text = "what a scoundrel"
    score = scorer_with([]).model.score(text).abuse
    assert 0.05 < score < 0.95
    low = scorer_with([row(language="en", abuse=score - 0.01)]).score(text, "en")
    high = scorer_with([row(language="en", abuse=score + 0.01)]).score(text, "en")
    assert [(v.check, v.action) for v in low] == [(scorers.ABUSE, Action.HOLD)]
    assert [(v.check, v.action) for v in high] == [(scorers.SCORED, Action.ALLOW)]
    assert low[0].score == pytest.approx(score) and low[0].model_version == "test-1"
    assert "abuse score" in low[0].detail
    assert high[0].score == pytest.approx(score)


def test_a_score_never_refuses_only_the_patterns_do():
    scorer = scorer_with([row(abuse=0.0, threat=0.0)])
    assert {v.action for v in scorer.score("scoundrel scoundrel", "en")} == {Action.HOLD}
    verdicts = {v.check: v.action for v in scorer.score("Death to all scoundrels", "en")}
    assert verdicts[scorers.CALL_TO_KILL] == Action.REJECT


def test_thresholds_are_read_for_the_submissions_site(home):
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    ScorerThreshold.objects.create(language="en", abuse_hold=0.2)
    ScorerThreshold.objects.create(site=site, language="en", abuse_hold=0.9)
    scorer = ModelScorer(model=one_word_model("scoundrel"), threat_rules=(), site_id=site.pk)
    assert scorer.thresholds("hello", "en").abuse == 0.9
    other = ModelScorer(model=one_word_model("scoundrel"), threat_rules=(), site_id=None)
    assert other.thresholds("hello", "en").abuse == 0.2


@pytest.mark.django_db
def test_a_threshold_outside_0_to_1_is_refused_with_a_message():
    threshold = ScorerThreshold(language="en", abuse_hold=1.5)
    with pytest.raises(ValidationError, match="Enter a score from 0 to 1"):
        threshold.full_clean()


@pytest.mark.django_db
def test_one_row_per_site_and_language_even_for_every_site():
    ScorerThreshold.objects.create(language="en", abuse_hold=0.3)
    with pytest.raises(ValidationError):
        ScorerThreshold(language="en", abuse_hold=0.4).full_clean()
