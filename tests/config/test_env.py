"""Settings come from the environment and fail loudly when a required one is missing."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from newsdesk.config.env import env_bool, env_int, env_list, env_str


def test_required_variable_missing_fails_loudly(monkeypatch):
    monkeypatch.delenv("NEWSDESK_TEST_REQUIRED", raising=False)
    with pytest.raises(ImproperlyConfigured, match="NEWSDESK_TEST_REQUIRED"):
        env_str("NEWSDESK_TEST_REQUIRED")


@pytest.mark.parametrize(
    ("raw", "expected"), [("1", True), ("yes", True), ("off", False), ("", False)]
)
def test_flags_read_common_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("NEWSDESK_TEST_FLAG", raw)
    assert env_bool("NEWSDESK_TEST_FLAG", default=not expected) is expected


def test_unreadable_values_name_the_variable(monkeypatch):
    monkeypatch.setenv("NEWSDESK_TEST_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="NEWSDESK_TEST_FLAG"):
        env_bool("NEWSDESK_TEST_FLAG", default=False)
    monkeypatch.setenv("NEWSDESK_TEST_NUMBER", "ten")
    with pytest.raises(ImproperlyConfigured, match="NEWSDESK_TEST_NUMBER"):
        env_int("NEWSDESK_TEST_NUMBER", default=1)


def test_lists_are_comma_separated(monkeypatch):
    monkeypatch.setenv("NEWSDESK_TEST_LIST", "a.example, b.example,,")
    assert env_list("NEWSDESK_TEST_LIST", []) == ["a.example", "b.example"]


def run_settings(module: str, **env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("NEWSDESK_")}
    clean.pop("DATABASE_URL", None)
    clean.update(env, DJANGO_SETTINGS_MODULE=module)
    code = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
    return subprocess.run(
        [sys.executable, "-c", code], env=clean, capture_output=True, text=True, check=False
    )


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = run_settings("newsdesk.config.settings.production", NEWSDESK_DATA_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "NEWSDESK_SECRET_KEY" in result.stderr


def test_production_runs_with_debug_off(tmp_path):
    result = run_settings(
        "newsdesk.config.settings.production",
        NEWSDESK_DATA_DIR=str(tmp_path),
        NEWSDESK_SECRET_KEY="x" * 50,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_sqlite_runs_in_wal_mode(db):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
