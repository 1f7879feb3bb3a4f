"""Each automatic check is a pure function of the submission and the context: no database."""

from datetime import UTC, datetime, timedelta

import pytest

from newsdesk.moderation import comment_checks as checks
from newsdesk.moderation.comment_checks import BanFinding, CheckContext
from newsdesk.moderation.matching import WordRule
from newsdesk.moderation.verdicts import Action, Submission

NOW = datetime(2026, 2, 13, 12, 0, tzinfo=UTC)


def sub(text: str = "A considered comment on the offensive.", **fields) -> Submission:
    values = {
        "story_id": 1,
        "author_name": "Anna Reader",
        "author_email": "anna@example.org",
        "ip_address": "198.51.100.7",
        "form_rendered_at": NOW - timedelta(seconds=40),
        "submitted_at": NOW,
    }
    values.update(fields)
    return Submission(text=text, **values)


def ctx(**fields) -> CheckContext:
    return CheckContext(now=NOW, **fields)


ALL_CHECKS = [
    checks.banned_commenter,
    checks.honeypot,
    checks.posted_too_soon,
    checks.rate_limit_per_email,
    checks.rate_limit_per_ip,
    checks.duplicate,
    checks.banned_words,
    checks.suspect_words,
    checks.too_many_links,
    checks.shouting,
]


@pytest.mark.parametrize("check", ALL_CHECKS, ids=lambda c: c.__name__)
def test_an_ordinary_comment_passes_every_check(check):
    assert check(sub(), ctx()) is None


@pytest.mark.parametrize("check", ALL_CHECKS, ids=lambda c: c.__name__)
def test_every_check_has_a_label_for_the_queue(check):
    assert check.__name__ in checks.LABELS


# Banned commenters


def test_banned_commenter_is_held_silently():
    verdict = checks.banned_commenter(
        sub(), ctx(bans=(BanFinding(Action.HOLD, "anna@example.org", "Abuse in January"),))
    )
    assert verdict.action == Action.HOLD
    assert verdict.public is False
    assert "Abuse in January" in verdict.detail


def test_the_strongest_ban_wins():
    bans = (BanFinding(Action.HOLD, "anna@example.org"), BanFinding(Action.DROP, "198.51.100.0/24"))
    verdict = checks.banned_commenter(sub(), ctx(bans=bans))
    assert verdict.action == Action.DROP
    assert verdict.public is False


# Spam traps


def test_honeypot_filled_is_spam():
    verdict = checks.honeypot(sub(honeypot="http://cheap.example"), ctx())
    assert verdict.action == Action.SPAM
    assert not verdict.public


def test_posted_too_soon_is_spam():
    verdict = checks.posted_too_soon(sub(form_rendered_at=NOW - timedelta(seconds=1)), ctx())
    assert verdict.action == Action.SPAM
    assert "1.0 s" in verdict.detail


def test_posted_after_the_minimum_passes():
    assert checks.posted_too_soon(sub(form_rendered_at=NOW - timedelta(seconds=3)), ctx()) is None


def test_posted_too_soon_needs_the_render_time():
    """Without the time the form was shown there is nothing to judge."""
    assert checks.posted_too_soon(sub(form_rendered_at=None), ctx()) is None


def test_minimum_seconds_is_a_setting():
    submission = sub(form_rendered_at=NOW - timedelta(seconds=5))
    assert checks.posted_too_soon(submission, ctx(min_seconds=10)).action == Action.SPAM


# Rate limits


def test_rate_limit_per_email_holds_with_a_slow_down_reason():
    """Refusing a flood is the discussion's flood limit, before storing; this check holds."""
    verdict = checks.rate_limit_per_email(sub(), ctx(recent_count_by_email=5))
    assert verdict.action == Action.HOLD
    assert verdict.public
    assert verdict.reason.startswith("Please slow down")
    assert verdict.detail == "5 comments in 10 minutes (limit 5)"


def test_rate_limit_per_email_under_the_limit_passes():
    assert checks.rate_limit_per_email(sub(), ctx(recent_count_by_email=4)) is None


def test_rate_limit_per_ip_holds():
    """Many readers share an address, so the IP limit holds rather than refuses."""
    verdict = checks.rate_limit_per_ip(sub(), ctx(recent_count_by_ip=7, rate_limit_per_ip=5))
    assert verdict.action == Action.HOLD
    assert verdict.reason.startswith("Please slow down")


def test_rate_limit_per_ip_without_an_address_passes():
    assert checks.rate_limit_per_ip(sub(ip_address=None), ctx(recent_count_by_ip=99)) is None


# Duplicates


def test_repeating_ones_own_recent_comment_is_spam():
    verdict = checks.duplicate(
        sub("Buy cheap watches now!"),
        ctx(recent_texts_by_commenter=("buy  CHEAP watches now",)),
    )
    assert verdict.action == Action.SPAM


def test_copying_anothers_comment_on_the_story_is_held():
    text = "The Kremlin and Russia are neo-fascists, and everyone should say so."
    verdict = checks.duplicate(sub(text), ctx(recent_texts_on_story=(text.upper(),)))
    assert verdict.action == Action.HOLD
    assert verdict.public


def test_short_common_replies_by_others_are_not_duplicates():
    """ "Agreed." by two readers is not a campaign."""
    assert checks.duplicate(sub("Agreed."), ctx(recent_texts_on_story=("Agreed.",))) is None


def test_different_text_is_not_a_duplicate():
    assert (
        checks.duplicate(sub("First thought."), ctx(recent_texts_by_commenter=("Other.",))) is None
    )


# Word lists


def test_banned_word_refuses():
    verdict = checks.banned_words(
        sub("You are a sc*mbag, a s-c-u-m-b-a-g"), ctx(banned_words=(WordRule("scumbag"),))
    )
    assert verdict.action == Action.REJECT
    assert verdict.public
    assert verdict.detail == "“scumbag”"


def test_banned_word_in_the_name_refuses():
    verdict = checks.banned_words(
        sub(author_name="Badword Fan"), ctx(banned_words=(WordRule("badword"),))
    )
    assert verdict.action == Action.REJECT


def test_banned_word_of_another_language_does_not_apply():
    rules = (WordRule("con", language="fr"),)
    assert checks.banned_words(sub("A con artist", language="en"), ctx(banned_words=rules)) is None
    assert checks.banned_words(sub("Quel con", language="fr"), ctx(banned_words=rules))


def test_suspect_word_holds():
    verdict = checks.suspect_words(
        sub("They are collaborators"), ctx(suspect_words=(WordRule("collaborator*"),))
    )
    assert verdict.action == Action.HOLD
    assert verdict.detail == "“collaborators”"


def test_word_inside_another_word_passes():
    assert checks.banned_words(sub("Scunthorpe won"), ctx(banned_words=(WordRule("cunt"),))) is None


# Links


@pytest.mark.parametrize(
    ("text", "links"),
    [
        ("No links here.", 0),
        ("See https://example.org/a and www.example.com", 2),
        ("cheap.ru, pills.xyz/buy and http://x.io", 3),
        ("The U.S. and e.g. the U.N.", 0),
    ],
)
def test_count_links(text, links):
    assert checks.count_links(text) == links


def test_too_many_links_holds():
    text = "https://a.example.org https://b.example.org https://c.example.org"
    verdict = checks.too_many_links(sub(text), ctx())
    assert verdict.action == Action.HOLD
    assert verdict.detail == "3 links (limit 2)"


def test_links_up_to_the_limit_pass():
    assert checks.too_many_links(sub("https://a.org https://b.org"), ctx(max_links=2)) is None


# Shouting


def test_shouting_holds():
    verdict = checks.shouting(sub("THIS IS AN OUTRAGE AND EVERYONE KNOWS IT"), ctx())
    assert verdict.action == Action.HOLD
    assert verdict.detail == "100% capitals"


def test_shouting_in_russian_holds():
    assert checks.shouting(sub("ЭТО ВОЗМУТИТЕЛЬНО И ВСЕ ЭТО ЗНАЮТ"), ctx()).action == Action.HOLD


def test_a_short_capital_word_is_not_shouting():
    assert checks.shouting(sub("NATO and the UN"), ctx()) is None
    assert (
        checks.shouting(sub("I agree with the OSCE and NATO on this point entirely."), ctx())
        is None
    )


def test_reasons_are_english_sentences_to_translate_when_shown():
    """Reasons carry no specifics, so the stored English text is a translation key."""
    verdict = checks.too_many_links(sub("a.com b.com c.com d.com"), ctx())
    assert verdict.reason == "It contains many links, so a moderator will check them first."


def test_recent_comments_are_reduced_once_not_at_every_post(monkeypatch):
    """The duplicate check compares each post with the same recent comments: each is reduced
    to its words once per process."""
    checks.comparable_text.cache_clear()
    reduced = []
    real = checks.normalise

    def counting(text):
        reduced.append(text)
        return real(text)

    monkeypatch.setattr(checks, "normalise", counting)
    recent = tuple(f"An earlier remark, number {n}, about the offensive." for n in range(50))
    context = ctx(recent_texts_on_story=recent, recent_texts_by_commenter=recent[:5])
    for n in range(3):
        assert (
            checks.duplicate(sub(f"A new remark, number {n}, on the offensive."), context) is None
        )
    assert len(reduced) == 50 + 3
