"""`newsdesk optimize_database` gives the query planner statistics to plan with."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from tests.common.db.articles import make_story

pytestmark = pytest.mark.django_db


def statistics_rows(table: str) -> int:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'"
            )
            if cursor.fetchone() is None:
                return 0
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = %s", [table])
        else:
            cursor.execute("SELECT count(*) FROM pg_stats WHERE tablename = %s", [table])
        return cursor.fetchone()[0]


def test_first_run_analyses_the_stories_table(section):
    for n in range(3):
        make_story(section, f"Story {n}")
    out = io.StringIO()
    call_command("optimize_database", stdout=out)
    assert statistics_rows("articles_article") > 0
    assert "ANALYZE" in out.getvalue()


def test_later_runs_use_pragma_optimize_on_sqlite(section):
    if connection.vendor != "sqlite":
        pytest.skip("PRAGMA optimize is SQLite's")
    make_story(section)
    call_command("optimize_database", verbosity=0)
    out = io.StringIO()
    call_command("optimize_database", stdout=out)
    assert out.getvalue().strip() == "sqlite: PRAGMA optimize"
