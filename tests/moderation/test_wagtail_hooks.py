"""The Moderation menu and the log's CSV address are in the Wagtail admin."""

import csv
import io

import pytest
from django.urls import reverse

from newsdesk.moderation import services
from newsdesk.moderation.audit import record_decision

pytestmark = pytest.mark.django_db


def read_csv(response) -> list[dict]:
    body = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(body)))


@pytest.fixture
def log(moderator, queue):
    record_decision(queue["threat"], "held", reasons=queue["threat"].moderation_reasons)
    services.approve_comment(moderator, queue["shouting"])


def test_moderation_menu_is_in_the_admin(moderator_client):
    html = moderator_client.get("/admin/").content.decode()
    assert '"Moderation"' in html
    assert reverse("wagtailsnippets_discussion_comment:list") in html


def test_log_csv_address(moderator_client, log):
    response = moderator_client.get("/admin/moderation/log.csv", {"action": "held"})
    assert response.status_code == 302
    rows = read_csv(moderator_client.get(response["Location"]))
    assert [row["Action"] for row in rows] == ["held"]


def test_a_comment_moderator_sets_a_scorer_threshold_in_the_admin(client):
    """Moderation › Scorer thresholds: a moderator adds one row; a bad value is explained."""
    from django.urls import reverse

    from newsdesk.moderation.models import ScorerThreshold
    from tests.common.db.moderation import make_moderator

    client.force_login(make_moderator(username="thea", email="thea@example.org"))
    url = reverse("wagtailsnippets_moderation_scorerthreshold:add")
    bad = client.post(url, {"site": "", "language": "en", "abuse_hold": "1.5", "threat_hold": ""})
    assert bad.status_code == 200 and "Enter a score from 0 to 1" in bad.content.decode()
    assert not ScorerThreshold.objects.exists()
    done = client.post(url, {"site": "", "language": "ru", "abuse_hold": "0.4", "threat_hold": ""})
    assert done.status_code == 302
    saved = ScorerThreshold.objects.get()
    assert (saved.site_id, saved.language, saved.abuse_hold, saved.threat_hold) == (
        None,
        "ru",
        0.4,
        None,
    )
