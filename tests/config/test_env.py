"""Settings come from the environment and fail loudly when a required one is missing."""

import json
import os
import runpy
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from newsdesk.config.env import (
    env_bool,
    env_choice,
    env_email_address,
    env_email_url,
    env_http_url,
    env_int,
    env_list,
    env_origins,
    env_str,
)
from newsdesk.config.settings import base as base_settings


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


@pytest.mark.parametrize(
    "value", ["news@example.org", "Newsdesk <news@example.org>", '"Desk, The" <n@example.org>']
)
def test_an_email_address_with_or_without_a_name(monkeypatch, value):
    monkeypatch.setenv("NEWSDESK_TEST_FROM", value)
    assert env_email_address("NEWSDESK_TEST_FROM", "webmaster@localhost") == value


@pytest.mark.parametrize("value", ["newsroom", "a@example.org, b@example.org", "Desk <>"])
def test_not_one_email_address_names_the_variable(monkeypatch, value):
    monkeypatch.setenv("NEWSDESK_TEST_FROM", value)
    with pytest.raises(ImproperlyConfigured, match="NEWSDESK_TEST_FROM must be an email address"):
        env_email_address("NEWSDESK_TEST_FROM", "webmaster@localhost")


def test_an_optional_address_may_stay_empty(monkeypatch):
    monkeypatch.delenv("NEWSDESK_TEST_REPLY_TO", raising=False)
    assert env_email_address("NEWSDESK_TEST_REPLY_TO", "") == ""


def test_a_bad_email_url_names_the_variable(monkeypatch):
    monkeypatch.setenv("NEWSDESK_TEST_EMAIL_URL", "smpt://mail.example.org")
    with pytest.raises(ImproperlyConfigured, match="NEWSDESK_TEST_EMAIL_URL: unknown scheme"):
        env_email_url("NEWSDESK_TEST_EMAIL_URL", "console://")


def test_choices(monkeypatch):
    monkeypatch.setenv("NEWSDESK_TEST_CHOICE", "Immediate")
    assert env_choice("NEWSDESK_TEST_CHOICE", "database", {"database", "immediate"}) == "immediate"
    monkeypatch.setenv("NEWSDESK_TEST_CHOICE", "celery")
    with pytest.raises(ImproperlyConfigured, match="NEWSDESK_TEST_CHOICE must be one of"):
        env_choice("NEWSDESK_TEST_CHOICE", "database", {"database", "immediate"})


PRINT_DEBUG = "print(settings.DEBUG)"


def run_settings(module: str, code: str = PRINT_DEBUG, **env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("NEWSDESK_")}
    clean.pop("DATABASE_URL", None)
    clean.update(env, DJANGO_SETTINGS_MODULE=module)
    code = "import django; django.setup(); from django.conf import settings; " + code
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


PRINT_EMAIL = (
    "import json; print(json.dumps({name: getattr(settings, name) for name in ["
    "'EMAIL_BACKEND', 'OUTBOX_EMAIL_BACKEND', 'EMAIL_HOST', 'EMAIL_PORT', 'EMAIL_HOST_USER', "
    "'EMAIL_HOST_PASSWORD', 'EMAIL_USE_TLS', 'EMAIL_USE_SSL', 'DEFAULT_FROM_EMAIL', "
    "'SERVER_EMAIL', 'NEWSDESK_EMAIL_REPLY_TO']}"
    " | {'tasks': settings.TASKS['background']['BACKEND']}))"
)


def test_production_reads_email_settings_from_the_environment(tmp_path):
    """The mail server, sender and reply-to come from the environment, not Django's defaults."""
    result = run_settings(
        "newsdesk.config.settings.production",
        PRINT_EMAIL,
        NEWSDESK_DATA_DIR=str(tmp_path),
        NEWSDESK_SECRET_KEY="x" * 50,
        NEWSDESK_EMAIL_URL="smtp+tls://desk%40example.org:s3cret@mail.example.org:587",
        NEWSDESK_EMAIL_FROM="Newsdesk <news@example.org>",
        NEWSDESK_EMAIL_REPLY_TO="letters@example.org",
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "EMAIL_BACKEND": "newsdesk.outbox.backends.OutboxEmailBackend",
        "OUTBOX_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "mail.example.org",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "desk@example.org",
        "EMAIL_HOST_PASSWORD": "s3cret",
        "EMAIL_USE_TLS": True,
        "EMAIL_USE_SSL": False,
        "DEFAULT_FROM_EMAIL": "Newsdesk <news@example.org>",
        "SERVER_EMAIL": "Newsdesk <news@example.org>",
        "NEWSDESK_EMAIL_REPLY_TO": "letters@example.org",
        "tasks": "django_tasks_db.DatabaseBackend",
    }


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        (
            "NEWSDESK_EMAIL_URL",
            "smtp://desk:s3cret@mail.example.org:0",
            "NEWSDESK_EMAIL_URL: the port",
        ),
        ("NEWSDESK_EMAIL_FROM", "newsroom", "NEWSDESK_EMAIL_FROM must be an email address"),
        ("NEWSDESK_EMAIL_REPLY_TO", "a@x.org b@x.org", "NEWSDESK_EMAIL_REPLY_TO must be an email"),
        ("NEWSDESK_BACKGROUND_TASKS", "celery", "NEWSDESK_BACKGROUND_TASKS must be one of"),
    ],
)
def test_settings_refuse_to_load_with_bad_email_settings(monkeypatch, variable, value, message):
    """Read at start (base settings, run afresh here), with a message naming the variable."""
    monkeypatch.setenv(variable, value)
    with pytest.raises(ImproperlyConfigured) as raised:
        runpy.run_path(base_settings.__file__)
    assert message in str(raised.value)
    assert "s3cret" not in str(raised.value)


def test_the_demo_prints_email_and_needs_no_worker(tmp_path):
    result = run_settings(
        "newsdesk.config.settings.dev", PRINT_EMAIL, NEWSDESK_DATA_DIR=str(tmp_path)
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["OUTBOX_EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert values["tasks"] == "django_tasks.backends.immediate.ImmediateBackend"


def test_sqlite_runs_in_wal_mode(db):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"


def test_origins_are_checked_before_they_reach_a_header(monkeypatch):
    monkeypatch.setenv("NEWSDESK_TEST_ORIGINS", "https://a.example, https://*.b.example:8443/")
    assert env_origins("NEWSDESK_TEST_ORIGINS", []) == [
        "https://a.example",
        "https://*.b.example:8443",
    ]
    for bad in ("https://a.example; script-src *", "a.example", "https://a.example/embed/", "*"):
        monkeypatch.setenv("NEWSDESK_TEST_ORIGINS", bad)
        with pytest.raises(ImproperlyConfigured, match="NEWSDESK_TEST_ORIGINS"):
            env_origins("NEWSDESK_TEST_ORIGINS", [])


def test_http_address_must_be_absolute_and_whole(monkeypatch):
    monkeypatch.setenv("NEWSDESK_TEST_URL", "https://reports.example.org/csp")
    assert env_http_url("NEWSDESK_TEST_URL", "") == "https://reports.example.org/csp"
    monkeypatch.setenv("NEWSDESK_TEST_URL", "/csp; script-src *")
    with pytest.raises(ImproperlyConfigured, match="NEWSDESK_TEST_URL"):
        env_http_url("NEWSDESK_TEST_URL", "")
