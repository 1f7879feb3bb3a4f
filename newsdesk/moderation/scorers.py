"""Scoring a comment for abuse and threats: a small interface, a local default and an adapter.

Reasons are English sentences marked for translation and translated when shown (see
newsdesk.moderation.comment_checks); `detail` says what matched, for moderators.

`NEWSDESK_MODERATION_SCORER` names the class the pipeline uses: `ModelScorer` by default (the
trained model of newsdesk.moderation.abuse_model plus the patterns for what it misses),
`PatternScorer` (patterns only) or `PerspectiveScorer` (an outside service).
"""

import http.client
import json
import logging
import re
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from functools import cache
from typing import Protocol, runtime_checkable

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext_noop as _

from newsdesk.moderation import news_context, wordlists
from newsdesk.moderation.matching import (
    WordRule,
    any_factor_in,
    compile_pattern,
    compile_words,
    normalise,
    required_factors,
    squeezed,
)
from newsdesk.moderation.thresholds import Thresholds, resolve, scoring_language
from newsdesk.moderation.verdicts import Action, Verdict

logger = logging.getLogger(__name__)

_LATIN_LETTER = re.compile(r"[a-z]")
_CYRILLIC_LETTER = re.compile(r"[\u0400-\u04ff]")

#: The check names a scorer's verdicts use, so the queue can filter by them.
ABUSE = "abusive_language"
THREAT = "threat_of_violence"
CALL_TO_KILL = "call_to_kill"
UNAVAILABLE = "scorer_unavailable"
#: A score under the hold threshold: an ALLOW verdict that only carries the score.
SCORED = "abuse_score"
CHECK_NAMES = (CALL_TO_KILL, THREAT, ABUSE, UNAVAILABLE)


@runtime_checkable
class Scorer(Protocol):
    """Anything that reads a comment's text and returns verdicts about abuse and threats."""

    def score(self, text: str, language: str) -> list[Verdict]: ...


def _detail(matches: list[str]) -> str:
    return ", ".join(f"“{m}”" for m in dict.fromkeys(matches))


def call_to_kill_verdict(matches: list[str]) -> Verdict:
    """Refuse an explicit call to kill or a direct death threat."""
    return Verdict(
        CALL_TO_KILL,
        Action.REJECT,
        _("Calls to kill people and death threats break our comment policy."),
        detail=_detail(matches),
    )


def threat_verdict(matches: list[str]) -> Verdict:
    """Hold a comment that seems to call for or wish violence."""
    return Verdict(
        THREAT,
        Action.HOLD,
        _("It seems to call for violence, so a moderator will read it first."),
        detail=_detail(matches),
    )


def abuse_verdict(matches: list[str]) -> Verdict:
    """Hold a comment with insults or slurs."""
    return Verdict(
        ABUSE,
        Action.HOLD,
        _("It seems to contain insults or slurs, so a moderator will read it first."),
        detail=_detail(matches),
    )


def unavailable_verdict(why: str) -> Verdict:
    """Hold a comment that could not be scored: fail safe, never fail open."""
    return Verdict(
        UNAVAILABLE,
        Action.HOLD,
        _("Scorer unavailable: a moderator will read it first."),
        public=False,
        detail=why,
    )


@cache
def _idiom_factors() -> frozenset[str] | None:
    return required_factors(news_context.IDIOMS)


@cache
def builtin_patterns(
    kind: str, latin: bool, cyrillic: bool
) -> tuple[tuple[re.Pattern, frozenset[str] | None], ...]:
    """The built-in `kind` lists' patterns for a comment with `latin` or `cyrillic` letters.

    `kind` is "CALLS_TO_KILL", "THREATS" or "ABUSE": the English list is read when the comment
    has Latin letters, the Russian one when it has Cyrillic ones (an English entry cannot match
    Cyrillic letters nor the reverse). First the plain words as one pattern, then each regular
    expression, each with its `required_factors`. Read once per process: looking the lists up
    per comment hashed every rule and every compiled pattern, a tenth of the scorer's time.
    """
    rules = (getattr(wordlists, f"{kind}_EN") if latin else ()) + (
        getattr(wordlists, f"{kind}_RU") if cyrillic else ()
    )
    patterns = [compile_words(rules)] if any(not rule.is_regex for rule in rules) else []
    patterns += [compile_pattern(rule.pattern, True) for rule in rules if rule.is_regex]
    return tuple((pattern, required_factors(pattern)) for pattern in patterns)


class PatternScorer:
    """The local scorer: built-in English and Russian lists plus the editors' threat patterns.

    Explicit calls to kill are refused; other threats and abuse are held for a moderator.
    """

    def __init__(self, threat_rules: Iterable[WordRule] | None = None, builtin: bool = True):
        self._threat_rules = None if threat_rules is None else tuple(threat_rules)
        self.builtin = builtin

    def use_threat_rules(self, rules: Iterable[WordRule]) -> None:
        """Score with `rules`, already read (the pipeline reads every kind of rule at once)."""
        if self._threat_rules is None:
            self._threat_rules = tuple(rules)

    @property
    def threat_rules(self) -> tuple[WordRule, ...]:
        """The editors' active threat patterns (loaded from the database once per scorer)."""
        if self._threat_rules is None:
            from newsdesk.moderation.models import ModerationRule

            self._threat_rules = ModerationRule.objects.word_rules(ModerationRule.Kind.THREAT)
        return self._threat_rules

    def score(self, text: str, language: str) -> list[Verdict]:
        """Verdicts for calls to kill, threats and abuse found in `text`."""
        return self.pattern_verdicts(normalise(text), language, text)

    def pattern_verdicts(self, normalised: str, language: str, text: str = "") -> list[Verdict]:
        """The patterns' verdicts on an already `normalise`d comment (`text`: as written).

        Read as news is read (newsdesk.moderation.news_context): idioms are not threats; a call
        to kill that the comment quotes or reports is held for a moderator, not refused; a
        listed word written as a name ("Хохлов" mid-sentence) is not abuse.
        """
        # Most patterns cannot match most comments: a scan for the words each needs, in the
        # comment with repeated letters written once, skips them (matching.required_factors).
        # The idioms too: most comments hold no "kill", "shoot" or "bomb".
        short_normalised = squeezed(normalised)
        if any_factor_in(_idiom_factors(), short_normalised):
            plain = news_context.without_idioms(normalised)
        else:
            plain = normalised
        short = {normalised: short_normalised}
        if plain != normalised:
            short[plain] = squeezed(plain)
        # An English entry cannot match Cyrillic letters nor the reverse: a comment in one
        # alphabet is read by half the lists, which halves the time on a long comment.
        latin = _LATIN_LETTER.search(normalised) is not None
        cyrillic = _CYRILLIC_LETTER.search(normalised) is not None

        def builtin(kind: str, within: str) -> list[re.Match]:
            if not self.builtin:
                return []
            return [
                m
                for pattern, factors in builtin_patterns(kind, latin, cyrillic)
                if any_factor_in(factors, short[within])
                for m in pattern.finditer(within)
            ]

        editors = [
            match
            for rule in self.threat_rules
            if rule.applies_to(language)
            for match in compile_pattern(rule.pattern, rule.is_regex).finditer(plain)
        ]
        calls, reported = [], []
        for match in builtin("CALLS_TO_KILL", plain):
            if news_context.is_reported(plain, *match.span()):
                reported.append(match.group())
            else:
                calls.append(match.group())
        threats = reported + [m.group() for m in builtin("THREATS", plain) + editors]
        as_names = news_context.names(text) if text else frozenset()
        abuse = [m.group() for m in builtin("ABUSE", normalised) if m.group() not in as_names]
        verdicts = []
        if calls:
            verdicts.append(call_to_kill_verdict(calls))
        if threats:
            verdicts.append(threat_verdict(threats))
        if abuse:
            verdicts.append(abuse_verdict(abuse))
        return verdicts


class ModelScorer(PatternScorer):
    """The trained model's abuse and threat scores, held from the thresholds, plus the patterns.

    A score at or above the threshold for the comment's language and site holds the comment;
    a score never refuses it. The patterns still refuse explicit calls to kill and hold the
    threats and slurs they find, whatever the score. Every verdict of this scorer carries the
    comment's score and the model's version. NEWSDESK_MODERATION_MODEL names another model
    file (a site's own, from `newsdesk train_scorer`); empty means the one shipped.
    """

    def __init__(
        self,
        threat_rules: Iterable[WordRule] | None = None,
        builtin: bool = True,
        model=None,
        threshold_rows: Iterable | None = None,
        site_id: int | None = None,
    ):
        super().__init__(threat_rules, builtin)
        self._model = model
        self._threshold_rows = None if threshold_rows is None else tuple(threshold_rows)
        self.site_id = site_id

    @property
    def model(self):
        """The abuse model, read from disk once per process."""
        if self._model is None:
            from newsdesk.moderation.abuse_model import load_model

            self._model = load_model(settings.NEWSDESK_MODERATION_MODEL)
        return self._model

    def use_thresholds(self, rows: Iterable, site_id: int | None) -> None:
        """Hold from the admin's threshold `rows` for `site_id` (the pipeline reads them)."""
        if self._threshold_rows is None:
            self._threshold_rows = tuple(rows)
            self.site_id = site_id

    @property
    def threshold_rows(self) -> tuple:
        if self._threshold_rows is None:
            from newsdesk.moderation.models import ScorerThreshold

            self._threshold_rows = tuple(ScorerThreshold.objects.for_site(self.site_id))
        return self._threshold_rows

    def thresholds(self, text: str, language: str) -> Thresholds:
        """The thresholds that apply to `text` posted under a page in `language`."""
        return resolve(
            self.threshold_rows,
            self.site_id,
            scoring_language(text, language),
            self.model.thresholds,
        )

    def score(self, text: str, language: str) -> list[Verdict]:
        """The patterns' verdicts and the model's, each carrying the model's score."""
        return self.score_in_parts(text, language)[2]

    def score_in_parts(self, text: str, language: str):
        """The model's scores, the patterns' verdicts, and the verdicts `score` returns."""
        normalised = normalise(text)
        scores = self.model.score(text, normalised=normalised)
        limits = self.thresholds(text, language)
        version = self.model.version
        top = max(scores.abuse, scores.threat)
        patterns = self.pattern_verdicts(normalised, language, text)
        found = {v.check: v for v in patterns}
        model_says = {
            THREAT: ("threat", scores.threat, limits.threat, threat_verdict([])),
            ABUSE: ("abuse", scores.abuse, limits.abuse, abuse_verdict([])),
        }
        for check, (name, value, limit, verdict) in model_says.items():
            if value < limit:
                continue
            detail = f"{name} score {value:.2f} (holds from {limit:.2f})"
            if check in found:
                detail = f"{found[check].detail}; {detail}"
            found[check] = Verdict(check, Action.HOLD, verdict.reason, detail=detail)
        verdicts = [
            Verdict(v.check, v.action, v.reason, v.public, v.detail, top, version)
            for check in (CALL_TO_KILL, THREAT, ABUSE)
            if (v := found.get(check)) is not None
        ]
        if not verdicts:
            verdicts.append(
                Verdict(
                    SCORED,
                    Action.ALLOW,
                    "",
                    public=False,
                    detail=f"abuse {scores.abuse:.2f}, threat {scores.threat:.2f}",
                    score=top,
                    model_version=version,
                )
            )
        return scores, patterns, verdicts


Transport = Callable[[urllib.request.Request, float], bytes]


def urllib_transport(request: urllib.request.Request, timeout: float) -> bytes:
    """Send `request` with urllib and return the response body."""
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (checked)
        return response.read()


class PerspectiveScorer:
    """An adapter for a Perspective-style HTTP API; off unless NEWSDESK_MODERATION_SCORER names it.

    Sends the text, reads `attributeScores.<ATTRIBUTE>.summaryScore.value` for THREAT,
    SEVERE_TOXICITY, TOXICITY and INSULT, and holds the comment when a score reaches
    NEWSDESK_MODERATION_SCORER_THRESHOLD. When the service cannot be reached, answers late or
    answers nonsense, the comment is held with the reason "scorer unavailable".
    """

    THREAT_ATTRIBUTES = ("THREAT",)
    ABUSE_ATTRIBUTES = ("SEVERE_TOXICITY", "TOXICITY", "INSULT")

    def __init__(
        self,
        url: str | None = None,
        api_key: str | None = None,
        timeout: float | None = None,
        threshold: float | None = None,
        transport: Transport | None = None,
    ):
        self.url = url if url is not None else settings.NEWSDESK_MODERATION_SCORER_URL
        self.api_key = (
            api_key if api_key is not None else settings.NEWSDESK_MODERATION_SCORER_API_KEY
        )
        self.timeout = (
            timeout if timeout is not None else settings.NEWSDESK_MODERATION_SCORER_TIMEOUT
        )
        self.threshold = (
            threshold if threshold is not None else settings.NEWSDESK_MODERATION_SCORER_THRESHOLD
        )
        self.transport = transport or urllib_transport

    def build_request(self, text: str, language: str) -> urllib.request.Request:
        """The HTTP request asking the service to score `text`."""
        attributes = {name: {} for name in self.THREAT_ATTRIBUTES + self.ABUSE_ATTRIBUTES}
        body = {
            "comment": {"text": text},
            "languages": [(language or "en")[:2]],
            "requestedAttributes": attributes,
            "doNotStore": True,
        }
        url = self.url
        if not url.startswith(("https://", "http://")):
            raise ValueError("NEWSDESK_MODERATION_SCORER_URL must be an http(s) address.")
        if self.api_key:
            url += ("&" if "?" in url else "?") + urllib.parse.urlencode({"key": self.api_key})
        return urllib.request.Request(  # noqa: S310 (the scheme is checked above)
            url,
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )

    def score(self, text: str, language: str) -> list[Verdict]:
        """Verdicts from the service's scores, or a hold when the service fails."""
        if not self.url:
            return [unavailable_verdict("NEWSDESK_MODERATION_SCORER_URL is not set")]
        try:
            raw = self.transport(self.build_request(text, language), self.timeout)
            scores = {
                name: float(value["summaryScore"]["value"])
                for name, value in json.loads(raw)["attributeScores"].items()
            }
        except (OSError, http.client.HTTPException) as error:  # URLError and timeouts included
            logger.warning("Comment scorer unavailable: %s", error)
            return [unavailable_verdict(f"{type(error).__name__}: {error}")]
        except (ValueError, KeyError, TypeError) as error:
            logger.warning("Comment scorer answered something unreadable: %s", error)
            return [unavailable_verdict(f"unreadable answer: {error}")]

        def over(names: tuple[str, ...]) -> list[str]:
            return [
                f"{name} {scores[name]:.2f}"
                for name in names
                if scores.get(name, 0.0) >= self.threshold
            ]

        verdicts = []
        if threats := over(self.THREAT_ATTRIBUTES):
            verdicts.append(
                Verdict(THREAT, Action.HOLD, threat_verdict([]).reason, detail=", ".join(threats))
            )
        if abuse := over(self.ABUSE_ATTRIBUTES):
            verdicts.append(
                Verdict(ABUSE, Action.HOLD, abuse_verdict([]).reason, detail=", ".join(abuse))
            )
        return verdicts


def load_scorer() -> Scorer:
    """A new instance of the scorer named by NEWSDESK_MODERATION_SCORER."""
    return import_string(settings.NEWSDESK_MODERATION_SCORER)()
