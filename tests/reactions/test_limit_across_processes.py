"""The vote limit is one limit for the whole site, however many worker processes serve it."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from newsdesk.reactions.models import Reaction
from tests.common.db.articles import make_story

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 5
VOTERS_PER_WORKER = 8

# A worker process of its own: Django set up from scratch, no Redis, the test's database.
WORKER = """
import json, sys
import django
django.setup()
from newsdesk.reactions import services
story = services.votable_story(int(sys.argv[1]))
counted = 0
for n in range(int(sys.argv[3])):
    try:
        services.cast_vote(story, f"{sys.argv[2]}-voter-{n}", "yes", "203.0.113.50")
        counted += 1
    except services.VoteRefused:
        pass
print(json.dumps({"counted": counted}))
"""


def database_url() -> str:
    """The test database, as DATABASE_URL spells it for the other processes."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def start_worker(story_id: int, name: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsdesk.config.settings.test",
        "DATABASE_URL": database_url(),
        "REDIS_URL": "",  # the in-process cache: what a site without Redis runs on
        "NEWSDESK_REACTIONS_PER_IP_PER_HOUR": str(LIMIT),
    }
    return subprocess.Popen(
        [sys.executable, "-c", WORKER, str(story_id), name, str(VOTERS_PER_WORKER)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_worker_processes_share_one_vote_limit(migrated_db, section):
    """Two processes, 8 new voters each from one address, limit 5: 5 counted in all, not 10."""
    story = make_story(section, "Everyone votes")
    workers = [start_worker(story.pk, name) for name in ("first", "second")]
    counted = 0
    for worker in workers:
        out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err
        counted += json.loads(out.strip().splitlines()[-1])["counted"]

    assert counted == LIMIT
    assert Reaction.objects.filter(story=story).count() == LIMIT
