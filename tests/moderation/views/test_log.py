"""The moderation log in the admin: every decision listed, filtered, exported as CSV, read-only."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from newsdesk.moderation.models import ModerationDecision
from tests.common.db.moderation import flagged

pytestmark = pytest.mark.django_db

LOG = reverse("wagtailsnippets_moderation_moderationdecision:list")


def page(response) -> BeautifulSoup:
    assert response.status_code == 200, response.content[:500]
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def log(story, moderator, queue):
    from newsdesk.moderation import services
    from newsdesk.moderation.audit import record_decision

    record_decision(
        queue["threat"],
        "held",
        reasons=queue["threat"].moderation_reasons,
        score=0.87,
        model_version="20261201-120000",
    )
    services.approve_comment(moderator, queue["shouting"])
    record_decision(queue["spam"], "spam", reasons=[flagged("honeypot", note="=HYPERLINK()")])
    ModerationDecision.objects.filter(comment=queue["spam"]).update(note="=HYPERLINK(evil)")


def test_log_lists_automatic_and_human_decisions(moderator_client, log):
    text = page(moderator_client.get(LOG)).get_text(" ", strip=True)
    assert "Held for review" in text and "automatic" in text
    assert "Approved" in text and "moira" in text
    assert "threat_of_violence" in text


def test_log_filters(moderator_client, log):
    by_moderators = page(moderator_client.get(LOG, {"decided_by": "moderator"}))
    assert "Held for review" not in by_moderators.select_one("tbody").get_text()
    held = page(moderator_client.get(LOG, {"action": "held"}))
    assert len(held.select("tbody tr")) == 1


def read_csv(response) -> list[dict]:
    body = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(body)))


def test_log_exports_csv_for_transparency_reports(moderator_client, log, story, queue):
    response = moderator_client.get(LOG, {"export": "csv"})
    assert response["Content-Type"] == "text/csv"
    assert "moderation-log.csv" in response["Content-Disposition"]
    rows = read_csv(response)
    assert set(rows[0]) == {
        "Date",
        "Action",
        "Action (in words)",
        "Decided by",
        "Story",
        "Story ID",
        "Comment ID",
        "Reasons",
        "Abuse score",
        "Model version",
        "Note",
    }
    held = next(row for row in rows if row["Action"] == "held")
    assert (held["Abuse score"], held["Model version"]) == ("0.87", "20261201-120000")
    assert held["Decided by"] == "automatic"
    assert held["Story"] == story.headline
    assert held["Comment ID"] == str(queue["threat"].pk)
    assert held["Reasons"].startswith("threat_of_violence: It seems to call for violence")
    approved = next(row for row in rows if row["Action"] == "approved")
    assert approved["Decided by"] == "moira"


def test_log_export_cannot_smuggle_a_spreadsheet_formula(moderator_client, log):
    rows = read_csv(moderator_client.get(LOG, {"export": "csv"}))
    assert next(row for row in rows if row["Action"] == "spam")["Note"] == "'=HYPERLINK(evil)"


def test_log_is_read_only(admin_client, log):
    decision = ModerationDecision.objects.first()
    url = reverse("wagtailsnippets_moderation_moderationdecision:delete", args=[decision.pk])
    admin_client.post(url)
    assert ModerationDecision.objects.filter(pk=decision.pk).exists()
    add = admin_client.get(reverse("wagtailsnippets_moderation_moderationdecision:add"))
    assert add["Location"] == "/admin/"


def test_log_query_count_does_not_grow_with_lines(moderator_client, story, moderator):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from newsdesk.moderation import services
    from tests.common.db.moderation import make_comment

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            moderator_client.get(LOG)
        return len(queries)

    services.approve_comment(moderator, make_comment(story))
    few = count_queries()
    for _ in range(10):
        services.approve_comment(moderator, make_comment(story))
    assert count_queries() == few
