"""The pipeline gathers what the checks need, runs them and the scorer, and applies the mode."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsdesk.articles.models import DiscussionMode
from newsdesk.discussion.models import Comment
from newsdesk.moderation import pipeline
from newsdesk.moderation.models import Ban, ModerationDecision, ModerationRule
from newsdesk.moderation.verdicts import Action, Verdict
from tests.common.db.moderation import BanFactory, make_comment, minutes_ago, submission

pytestmark = pytest.mark.django_db

PRE, POST, CLOSED = DiscussionMode.PRE_MODERATED, DiscussionMode.POST_MODERATED, "closed"


def no_phone_numbers(submission, context):
    """A site's own check, added through NEWSDESK_MODERATION_CHECKS."""
    if re.search(r"\b\d{3}-\d{4}\b", submission.text):
        return Verdict("no_phone_numbers", Action.HOLD, "Phone numbers are not published.")
    return None


def broken_check(submission, context):
    raise RuntimeError("boom")


# Gathering the context


def test_context_carries_word_lists_by_kind(story):
    ModerationRule.objects.create(pattern="scumbag", kind=ModerationRule.Kind.BANNED)
    ModerationRule.objects.create(pattern="collaborator*", kind=ModerationRule.Kind.SUSPECT)
    ModerationRule.objects.create(pattern="off", kind=ModerationRule.Kind.BANNED, active=False)
    ModerationRule.objects.create(pattern="hunt them", kind=ModerationRule.Kind.THREAT)
    context = pipeline.gather_context(submission(story.pk))
    assert [r.pattern for r in context.banned_words] == ["scumbag"]
    assert [r.pattern for r in context.suspect_words] == ["collaborator*"]


def test_context_counts_recent_comments_by_email_and_ip(story):
    for _ in range(3):
        make_comment(story, author_email="anna@example.org", ip_address="10.0.0.1")
    make_comment(story, author_email="ANNA@example.org", ip_address="10.0.0.2")
    make_comment(story, author_email="ben@example.org", ip_address="198.51.100.7")
    make_comment(story, author_email="anna@example.org", submitted_at=minutes_ago(30))
    context = pipeline.gather_context(submission(story.pk))
    assert context.recent_count_by_email == 4
    assert context.recent_count_by_ip == 1


def test_context_has_the_commenters_recent_texts_and_others_on_the_story(story, section):
    from tests.common.db.articles import make_story

    other_story = make_story(section, "Another story")
    make_comment(other_story, "Mine, elsewhere", author_email="anna@example.org")
    make_comment(story, "Someone else's", author_email="ben@example.org", ip_address="10.9.9.9")
    make_comment(story, "Old", author_email="ben@example.org", submitted_at=minutes_ago(60 * 48))
    context = pipeline.gather_context(submission(story.pk))
    assert context.recent_texts_by_commenter == ("Mine, elsewhere",)
    assert context.recent_texts_on_story == ("Someone else's",)


def test_context_finds_bans_by_email_and_network(story):
    BanFactory(email="anna@example.org", reason="Threats")
    BanFactory(email="", ip_network="198.51.100.0/24", action=Ban.Action.DROP)
    BanFactory(email="ben@example.org")
    BanFactory(email="anna@example.org", expires_at=minutes_ago(1))
    context = pipeline.gather_context(submission(story.pk))
    assert sorted(b.action for b in context.bans) == [Action.HOLD, Action.DROP]


def test_context_reads_limits_from_settings(story, settings):
    settings.NEWSDESK_MODERATION_MAX_LINKS = 7
    settings.NEWSDESK_MODERATION_RATE_LIMIT_PER_EMAIL = 9
    context = pipeline.gather_context(submission(story.pk))
    assert (context.max_links, context.rate_limit_per_email) == (7, 9)


def test_context_is_gathered_in_a_handful_of_queries(story):
    make_comment(story, author_email="anna@example.org")
    with CaptureQueriesContext(connection) as queries:
        pipeline.gather_context(submission(story.pk))
    # rules, bans, the commenter's and the story's recent texts, counts, scorer thresholds
    assert len(queries) == 6


def test_context_ignores_an_invalid_ip_address(story):
    context = pipeline.gather_context(submission(story.pk, ip_address="unknown"))
    assert context.recent_count_by_ip == 0


# Running the checks


def test_run_checks_runs_registered_checks_then_the_scorer(story):
    verdicts = pipeline.run_checks(
        submission(story.pk, "THIS BASTARD RUSSIA SHOULD BE DESTROYED", honeypot="x")
    )
    assert [v.check for v in verdicts] == [
        "honeypot",
        "shouting",
        "threat_of_violence",
        "abusive_language",
    ]


def test_a_site_adds_a_check_through_the_setting(story, settings):
    settings.NEWSDESK_MODERATION_CHECKS = [
        *settings.NEWSDESK_MODERATION_CHECKS,
        "tests.moderation.test_pipeline.no_phone_numbers",
    ]
    verdicts = pipeline.run_checks(submission(story.pk, "Call me on 555-0100"))
    # The model's score comes as an ALLOW verdict when nothing is held.
    assert [v.check for v in verdicts if v.action > Action.ALLOW] == ["no_phone_numbers"]


def test_a_failing_check_holds_the_comment(story, settings):
    settings.NEWSDESK_MODERATION_CHECKS = ["tests.moderation.test_pipeline.broken_check"]
    verdicts = pipeline.run_checks(submission(story.pk))
    [verdict] = [v for v in verdicts if v.action > Action.ALLOW]
    assert (verdict.check, verdict.action, verdict.public) == ("check_failed", Action.HOLD, False)
    assert "boom" in verdict.detail


class BrokenScorer:
    def score(self, text, language):
        raise ConnectionError("down")


def test_a_failing_scorer_holds_the_comment(story, settings):
    settings.NEWSDESK_MODERATION_SCORER = "tests.moderation.test_pipeline.BrokenScorer"
    [verdict] = pipeline.run_checks(submission(story.pk))
    assert (verdict.check, verdict.action) == ("scorer_unavailable", Action.HOLD)


# Reviewing under a mode


def test_pre_moderation_holds_a_clean_comment(story):
    review = pipeline.review(submission(story.pk), PRE)
    assert (review.status, review.refused, review.reasons()) == (Comment.Status.PENDING, False, [])
    assert review.audit_action == ModerationDecision.Action.HELD


def test_post_moderation_publishes_a_clean_comment(story):
    review = pipeline.review(submission(story.pk), POST)
    assert review.status == Comment.Status.APPROVED
    assert review.audit_action == ModerationDecision.Action.APPROVED


def test_trusted_commenters_and_staff_skip_pre_moderation(story):
    assert pipeline.review(submission(story.pk), PRE, trusted=True).status == "approved"
    assert pipeline.review(submission(story.pk, is_staff=True), PRE).status == "approved"


def test_a_flag_holds_even_a_trusted_commenter_in_post_moderation(story):
    review = pipeline.review(submission(story.pk, "Nuke them."), POST, trusted=True)
    assert review.status == Comment.Status.PENDING
    assert review.reasons_for_reader() == [
        "It seems to call for violence, so a moderator will read it first."
    ]


def test_closed_discussion_refuses(story):
    review = pipeline.review(submission(story.pk), CLOSED)
    assert (review.status, review.refused) == (Comment.Status.REJECTED, True)


def test_a_call_to_kill_is_refused_with_its_reason(story):
    review = pipeline.review(submission(story.pk, "Death to Russia"), POST)
    assert (review.status, review.refused) == (Comment.Status.REJECTED, True)
    assert review.audit_action == ModerationDecision.Action.REJECTED
    assert review.reasons()[0]["check"] == "call_to_kill"


def test_spam_is_stored_as_spam_and_looks_held_to_the_reader(story):
    review = pipeline.review(submission(story.pk, honeypot="filled"), POST)
    assert review.status == Comment.Status.SPAM
    assert review.status_for_reader == Comment.Status.PENDING
    assert review.reasons_for_reader() == []


def test_a_held_ban_holds_silently(story):
    BanFactory(email="anna@example.org")
    review = pipeline.review(submission(story.pk), POST)
    assert review.status == Comment.Status.PENDING
    assert review.reasons()[0]["public"] is False
    assert review.reasons_for_reader() == []


def test_a_dropping_ban_stores_rejected_and_tells_the_reader_nothing(story):
    BanFactory(email="", ip_network="198.51.100.0/24", action=Ban.Action.DROP)
    review = pipeline.review(submission(story.pk, "Death to them all"), POST)
    assert (review.status, review.refused) == (Comment.Status.REJECTED, False)
    assert review.status_for_reader == Comment.Status.PENDING
    assert review.audit_action == ModerationDecision.Action.DROPPED


def test_a_lifted_ban_no_longer_applies(story):
    ban = BanFactory(email="anna@example.org")
    Ban.objects.filter(pk=ban.pk).update(expires_at=minutes_ago(1))
    assert pipeline.review(submission(story.pk), POST).status == Comment.Status.APPROVED


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("The Russians are guilty of ordinary Syrian people losing their lives", "approved"),
        ("This bastard Russia should be destroyed", "pending"),
        # The model scores it 0.36 for abuse, over the English threshold (0.26): a moderator
        # reads it. The patterns alone let it through (test_patterns_let_strong_opinion_through).
        ("The Kremlin and Russia are neo-fascists.", "pending"),
    ],
)
def test_the_seed_pages_comments_under_post_moderation(story, text, status):
    """Abuse and calls for violence wait for a moderator; milder strong opinion goes through."""
    assert pipeline.review(submission(story.pk, text), POST).status == status


def test_rate_limit_holds_the_sixth_comment_in_ten_minutes(story):
    """Held with its reason; a flood past NEWSDESK_COMMENT_LIMIT_PER_EMAIL never gets here."""
    for n in range(5):
        make_comment(story, f"Comment {n}", author_email="anna@example.org")
    review = pipeline.review(submission(story.pk, "One more"), POST)
    assert review.status == Comment.Status.PENDING
    assert not review.refused
    assert review.reasons_for_reader() == [
        "Please slow down: you have posted many comments in the last few minutes."
    ]


def test_reposting_the_same_comment_is_spam(story):
    make_comment(
        story,
        "Buy cheap watches at cheap.example",
        author_email="anna@example.org",
        submitted_at=minutes_ago(90),
    )
    review = pipeline.review(submission(story.pk, "Buy cheap watches at cheap.example"), POST)
    assert review.status == Comment.Status.SPAM


def test_posted_too_soon_after_the_form_is_spam(story):
    sent = submission(story.pk)
    quick = submission(story.pk, form_rendered_at=sent.submitted_at - timedelta(seconds=1))
    assert pipeline.review(quick, POST).status == Comment.Status.SPAM


def test_reasons_are_translated_for_the_reader(story):
    from django.utils import translation

    review = pipeline.review(submission(story.pk, "Nuke them."), POST)
    with translation.override("en"):
        assert review.reasons_for_reader()[0].startswith("It seems to call for violence")
    assert review.reasons()[0]["reason"].startswith("It seems to call for violence")


def test_a_commenter_writing_their_email_in_capitals_is_the_same_commenter(story):
    make_comment(story, author_email="anna@example.org", ip_address="10.0.0.1")
    stored = make_comment(story, author_email=" Anna@Example.ORG", ip_address="10.0.0.2")
    assert Comment.objects.get(pk=stored.pk).author_email == "anna@example.org"
    context = pipeline.gather_context(submission(story.pk, author_email="ANNA@example.org"))
    assert context.recent_count_by_email == 2


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's query plan")
def test_the_commenters_recent_comments_are_found_through_their_indexes(story):
    """The lookups by email or address read the commenter's rows through the email and address
    indexes, not every comment of the last day (the breaking-news case)."""
    with CaptureQueriesContext(connection) as captured:
        pipeline.gather_context(submission(story.pk))
    lookups = [q["sql"] for q in captured if "198.51.100.7" in q["sql"] and "COUNT" not in q["sql"]]
    assert lookups
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {lookups[0]}")
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "comment_author_email" in plan and "comment_ip_submitted" in plan, plan


def test_a_review_reads_the_rules_once_and_the_scorer_still_holds_an_editors_threat(story):
    """The pipeline reads every kind of rule in one query and hands the threat patterns to the
    local scorer, which read the rules table again at every post."""
    ModerationRule.objects.create(pattern="hunt them down", kind=ModerationRule.Kind.THREAT)
    with CaptureQueriesContext(connection) as queries:
        verdicts = pipeline.run_checks(submission(story.pk, text="We will hunt them down."))
    rule_reads = [q for q in queries if "moderation_moderationrule" in q["sql"]]
    assert len(rule_reads) == 1
    assert any(v.action == Action.HOLD and "hunt them down" in v.detail for v in verdicts), verdicts


def test_patterns_let_strong_opinion_through(story, settings):
    settings.NEWSDESK_MODERATION_SCORER = "newsdesk.moderation.scorers.PatternScorer"
    review = pipeline.review(submission(story.pk, "The Kremlin and Russia are neo-fascists."), POST)
    assert review.status == Comment.Status.APPROVED


def test_the_review_carries_the_models_score_and_version(story):
    from newsdesk.moderation.abuse_model import load_model

    rude = pipeline.review(submission(story.pk, "You are a pathetic idiot, shut up"), POST)
    kind = pipeline.review(submission(story.pk, "Thank you for the careful reporting."), POST)
    assert rude.status == Comment.Status.PENDING
    assert rude.score > 0.5 > kind.score
    assert rude.model_version == kind.model_version == load_model().version
    assert kind.status == Comment.Status.APPROVED
    assert [r["check"] for r in rude.reasons()] == ["abusive_language"]
    assert rude.reasons()[0]["score"] == round(rude.score, 4)
