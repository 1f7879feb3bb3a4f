"""The abuse and threat scorer: the local pattern scorer in English and Russian, and the
external-service adapter with a fake transport (never the network)."""

import json
import urllib.error

import pytest

from newsdesk.moderation import scorers
from newsdesk.moderation.matching import WordRule, compile_pattern, compile_words, required_factors
from newsdesk.moderation.scorers import PatternScorer, PerspectiveScorer, Scorer
from newsdesk.moderation.verdicts import Action

local = PatternScorer(threat_rules=())


def checks(text: str, language: str = "en") -> dict[str, Action]:
    return {v.check: v.action for v in local.score(text, language)}


def test_pattern_scorer_is_a_scorer():
    assert isinstance(local, Scorer)


# The seed page's comments


def test_seed_abuse_and_call_for_destruction_is_held():
    """ "This bastard Russia should be destroyed": an insult and a call for violence."""
    verdicts = local.score("This bastard Russia should be destroyed", "en")
    assert {v.check: v.action for v in verdicts} == {
        scorers.THREAT: Action.HOLD,
        scorers.ABUSE: Action.HOLD,
    }
    details = " ".join(v.detail for v in verdicts)
    assert "“bastard”" in details and "“should be destroyed”" in details


@pytest.mark.parametrize(
    "text",
    [
        "The Kremlin and Russia are neo-fascists.",
        "The Russians are guilty of ordinary Syrian people losing their lives",
        "Russian warplanes deliberately bombed hospitals and killed 29 civilians.",
        "Erdogan threatened to strike Syrian regime forces everywhere.",
        "Six children were among nine civilians killed early Monday.",
        "Scunthorpe United should sign a new striker.",
        "I hope the fighting dies down before winter.",
        "Кремль и Россия — неофашисты.",
        "Российские самолеты уничтожили больницы в Идлибе.",
        "Смерть мирных жителей на совести режима.",
        "Жидкость для розжига нашли на месте.",
    ],
)
def test_legitimate_strong_opinion_and_reporting_pass(text):
    assert local.score(text, "en") == []


# English


@pytest.mark.parametrize(
    "text",
    [
        "Kill them all",
        "k.i.l.l them all",
        "KIIIILL THEM ALL",
        "kill all the invaders",
        "Death to Russia!",
        "I will kill you",
        "I'm going to kill you",
        "go kill yourself",
    ],
)
def test_explicit_calls_to_kill_are_refused(text):
    assert checks(text)[scorers.CALL_TO_KILL] == Action.REJECT


def test_refusal_reason_is_in_policy_terms():
    verdict = local.score("Death to Russia", "en")[0]
    assert verdict.reason == "Calls to kill people and death threats break our comment policy."
    assert verdict.public


@pytest.mark.parametrize(
    "text",
    [
        "They should be wiped off the map",
        "burn them",
        "Nuke them.",
        "All of them must be exterminated",
        "I hope he dies",
        "you will die",
    ],
)
def test_threats_are_held(text):
    found = checks(text)
    assert found[scorers.THREAT] == Action.HOLD
    assert scorers.CALL_TO_KILL not in found


@pytest.mark.parametrize(
    "text",
    ["You b4st4rd", "what a m0r0n", "s.c.u.m.b.a.g", "idiiiiot", "BASTARDS", "son of a bitch"],
)
def test_abuse_is_held_through_obfuscation(text):
    assert checks(text) == {scorers.ABUSE: Action.HOLD}


def test_stabbed_to_death_is_not_death_to():
    assert checks("He was stabbed to death to silence him") == {}


# Russian


@pytest.mark.parametrize(
    "text",
    [
        "Этот ублюдок",
        "Сволочи!",
        "мрази",
        "у6людок",
        "Да ты дебил",
    ],
)
def test_russian_abuse_is_held(text):
    assert checks(text, "ru") == {scorers.ABUSE: Action.HOLD}


@pytest.mark.parametrize(
    "text",
    [
        "Россию надо уничтожить",
        "Россия должна быть уничтожена",
        "Надо их всех уничтожить",
        "Уничтожить их пора",
        "Стереть их с лица земли",
        "Сожгите их",
        "чтоб ты сдох",
    ],
)
def test_russian_threats_are_held(text):
    assert checks(text, "ru")[scorers.THREAT] == Action.HOLD


@pytest.mark.parametrize(
    "text",
    [
        "Их всех надо убить",
        "Убейте их",
        "Смерть оккупантам!",
        "Я тебя убью",
        "расстрелять их нужно",
    ],
)
def test_russian_calls_to_kill_are_refused(text):
    assert checks(text, "ru")[scorers.CALL_TO_KILL] == Action.REJECT


def test_russian_morphology_and_obfuscation():
    """Stems cover inflections; ё reads as е; look-alike letters are undone."""
    assert checks("Россию нужно уничтожать", "ru")[scorers.THREAT] == Action.HOLD
    assert checks("Россию нужно уничт0жить", "ru")[scorers.THREAT] == Action.HOLD
    assert checks("Уб.л.ю.д.о.к", "ru") == {}  # two letters joined are not spelt out
    assert checks("ублюдки", "ru") == {scorers.ABUSE: Action.HOLD}


# Editors' threat patterns


def test_editors_threat_patterns_are_held():
    scorer = PatternScorer(threat_rules=(WordRule("hunt them down"),))
    assert {v.check for v in scorer.score("We should hunt them down", "en")} == {scorers.THREAT}


def test_editors_threat_patterns_respect_language():
    scorer = PatternScorer(threat_rules=(WordRule("à la lanterne", language="fr"),))
    assert scorer.score("à la lanterne", "en") == []
    assert scorer.score("À la lanterne !", "fr")[0].check == scorers.THREAT


def test_builtin_lists_can_be_switched_off():
    assert PatternScorer(threat_rules=(), builtin=False).score("Kill them all", "en") == []


@pytest.mark.django_db
def test_pattern_scorer_loads_active_threat_rules_from_the_database():
    from newsdesk.moderation.models import ModerationRule

    ModerationRule.objects.create(pattern="ship them off", kind=ModerationRule.Kind.THREAT)
    ModerationRule.objects.create(
        pattern="line them up", kind=ModerationRule.Kind.THREAT, active=False
    )
    scorer = PatternScorer()
    assert [v.check for v in scorer.score("Ship them off now", "en")] == [scorers.THREAT]
    assert scorer.score("line them up", "en") == []


# The external-service adapter


def perspective_answer(**scores: float) -> bytes:
    return json.dumps(
        {"attributeScores": {k: {"summaryScore": {"value": v}} for k, v in scores.items()}}
    ).encode()


class FakeTransport:
    def __init__(self, answer: bytes = b"", error: Exception | None = None):
        self.answer, self.error, self.requests = answer, error, []

    def __call__(self, request, timeout):
        self.requests.append((request, timeout))
        if self.error:
            raise self.error
        return self.answer


def adapter(transport, **kwargs) -> PerspectiveScorer:
    return PerspectiveScorer(
        url="https://scorer.example/v1/comments:analyze",
        api_key="k",
        timeout=2,
        threshold=0.8,
        transport=transport,
        **kwargs,
    )


def test_adapter_sends_the_text_with_a_timeout():
    transport = FakeTransport(perspective_answer(TOXICITY=0.1, THREAT=0.05))
    assert adapter(transport).score("A calm comment", "ru") == []
    request, timeout = transport.requests[0]
    body = json.loads(request.data)
    assert timeout == 2
    assert request.full_url == "https://scorer.example/v1/comments:analyze?key=k"
    assert body["comment"]["text"] == "A calm comment"
    assert body["languages"] == ["ru"]
    assert body["doNotStore"] is True


def test_adapter_holds_threats_and_abuse_over_the_threshold():
    transport = FakeTransport(perspective_answer(TOXICITY=0.93, THREAT=0.85, INSULT=0.2))
    verdicts = adapter(transport).score("...", "en")
    assert {v.check: v.action for v in verdicts} == {
        scorers.THREAT: Action.HOLD,
        scorers.ABUSE: Action.HOLD,
    }
    assert "TOXICITY 0.93" in verdicts[1].detail


@pytest.mark.parametrize(
    "error",
    [
        urllib.error.URLError("connection refused"),
        TimeoutError("timed out"),
        ConnectionResetError("reset by peer"),
        urllib.error.HTTPError("https://scorer.example", 503, "Unavailable", {}, None),
    ],
)
def test_adapter_fails_safe_to_hold_when_unreachable(error):
    verdicts = adapter(FakeTransport(error=error)).score("...", "en")
    assert [(v.check, v.action) for v in verdicts] == [(scorers.UNAVAILABLE, Action.HOLD)]
    assert verdicts[0].reason == "Scorer unavailable: a moderator will read it first."
    assert verdicts[0].public is False


@pytest.mark.parametrize("answer", [b"not json", b"{}", b'{"attributeScores": {"X": 1}}'])
def test_adapter_fails_safe_on_nonsense(answer):
    verdicts = adapter(FakeTransport(answer)).score("...", "en")
    assert verdicts[0].check == scorers.UNAVAILABLE


def test_adapter_without_an_address_holds(settings):
    settings.NEWSDESK_MODERATION_SCORER_URL = ""
    assert PerspectiveScorer(transport=FakeTransport()).score("...", "en")[0].check == (
        scorers.UNAVAILABLE
    )


def test_adapter_refuses_non_http_addresses():
    scorer = PerspectiveScorer(url="file:///etc/passwd", transport=FakeTransport())
    assert scorer.score("...", "en")[0].check == scorers.UNAVAILABLE


def test_load_scorer_follows_the_setting(settings):
    assert isinstance(scorers.load_scorer(), PatternScorer)
    settings.NEWSDESK_MODERATION_SCORER = "newsdesk.moderation.scorers.PerspectiveScorer"
    assert isinstance(scorers.load_scorer(), PerspectiveScorer)


@pytest.mark.parametrize("kind", ["CALLS_TO_KILL", "THREATS", "ABUSE"])
@pytest.mark.parametrize(("latin", "cyrillic"), [(True, False), (False, True), (True, True)])
def test_the_built_in_patterns_are_the_lists_of_the_comments_alphabets(kind, latin, cyrillic):
    """Read once per process, in the order the lists give them, the never-matching one left out."""
    from newsdesk.moderation import wordlists

    rules = (getattr(wordlists, f"{kind}_EN") if latin else ()) + (
        getattr(wordlists, f"{kind}_RU") if cyrillic else ()
    )
    expected = [compile_words(rules)] + [
        compile_pattern(rule.pattern, True) for rule in rules if rule.is_regex
    ]
    read = scorers.builtin_patterns(kind, latin, cyrillic)
    assert [pattern for pattern, _ in read] == [p for p in expected if p.pattern != "(?!)"]
    assert [factors for _, factors in read] == [required_factors(p) for p, _ in read]
