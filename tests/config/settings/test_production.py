"""Production settings: HSTS follows HTTPS, and `check --deploy` is clean under the documented
production environment (docs/operations.md, "Production checklist")."""

import os
import re
import runpy
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[3] / "docs" / "operations.md"
A_YEAR = 365 * 24 * 60 * 60


def production(monkeypatch, **env) -> dict:
    """The production settings module's values under `env` (HSTS and HTTPS live in it)."""
    for name in list(os.environ):
        if name.startswith(("NEWSDESK_HTTPS", "NEWSDESK_HSTS")):
            monkeypatch.delenv(name)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_module("newsdesk.config.settings.production")


def test_https_turns_hsts_on_for_a_year_with_subdomains(monkeypatch):
    settings = production(monkeypatch, NEWSDESK_HTTPS="1")
    assert settings["SECURE_HSTS_SECONDS"] == A_YEAR
    assert settings["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert settings["SECURE_HSTS_PRELOAD"] is False
    assert settings["SECURE_SSL_REDIRECT"] is True


def test_hsts_seconds_still_override(monkeypatch):
    assert (
        production(monkeypatch, NEWSDESK_HTTPS="1", NEWSDESK_HSTS_SECONDS="300")[
            "SECURE_HSTS_SECONDS"
        ]
        == 300
    )
    assert (
        production(monkeypatch, NEWSDESK_HTTPS="1", NEWSDESK_HSTS_SECONDS="0")[
            "SECURE_HSTS_SECONDS"
        ]
        == 0
    )


def test_no_hsts_without_https(monkeypatch):
    assert production(monkeypatch)["SECURE_HSTS_SECONDS"] == 0


def test_preload_is_an_opt_in_and_unsilences_its_check(monkeypatch):
    settings = production(monkeypatch, NEWSDESK_HTTPS="1", NEWSDESK_HSTS_PRELOAD="1")
    assert settings["SECURE_HSTS_PRELOAD"] is True
    assert "security.W021" not in settings["SILENCED_SYSTEM_CHECKS"]
    assert "security.W021" in production(monkeypatch)["SILENCED_SYSTEM_CHECKS"]


def documented_environment() -> dict[str, str]:
    """The `export NAME=value` lines of the production checklist's first code block."""
    section = DOCS.read_text().split("## Production checklist", 1)[1]
    block = section.split("```", 2)[1]
    env = dict(re.findall(r"^export (\w+)=(.+)$", block, re.MULTILINE))
    assert "NEWSDESK_SECRET_KEY" in env and "NEWSDESK_HTTPS" in env, block
    # The checklist makes the key with a command; make one the same way.
    env["NEWSDESK_SECRET_KEY"] = secrets.token_urlsafe(50)
    return env


def run_deploy_check(tmp_path, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        # Nothing of the test run's own configuration (the browser tests allow async-unsafe
        # calls, for one) may leak into the production process.
        if not k.startswith(("NEWSDESK_", "DJANGO_")) and k not in ("DATABASE_URL", "REDIS_URL")
    }
    clean.update(env, NEWSDESK_DATA_DIR=str(tmp_path))
    clean["DJANGO_SETTINGS_MODULE"] = "newsdesk.config.settings.production"
    return subprocess.run(
        [sys.executable, "-m", "newsdesk.config.cli", "check", "--deploy", "--fail-level", "DEBUG"],
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )


def test_deploy_check_is_clean_under_the_documented_environment(tmp_path):
    result = run_deploy_check(tmp_path, documented_environment())
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout, result.stdout


@pytest.mark.parametrize(
    ("override", "warning"),
    [
        ({"NEWSDESK_HSTS_SECONDS": "0"}, "security.W004"),
        ({"NEWSDESK_HSTS_INCLUDE_SUBDOMAINS": "0"}, "security.W005"),
        ({"NEWSDESK_HTTPS": "0"}, "security.W008"),
    ],
)
def test_deploy_check_still_warns_when_a_protection_is_turned_off(tmp_path, override, warning):
    """The clean result comes from the settings, not from silencing Django's checks."""
    result = run_deploy_check(tmp_path, {**documented_environment(), **override})
    assert warning in result.stderr + result.stdout
