"""Settings every environment shares: the security headers' policies read from the environment."""

import runpy

import pytest
from django.core.exceptions import ImproperlyConfigured

from newsdesk.config.settings import base as base_settings


def base(monkeypatch, **env) -> dict:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(base_settings.__file__)


def test_embed_origins_set_which_frames_readers_and_editors_see(monkeypatch):
    settings = base(
        monkeypatch,
        NEWSDESK_CSP_EMBED_ORIGINS="https://www.youtube.com,https://datawrapper.dwcdn.net",
        NEWSDESK_CSP_REPORT_URI="https://reports.example.org/csp",
    )
    readers = settings["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]
    admin = settings["CONTENT_SECURITY_POLICY_ADMIN"]["DIRECTIVES"]
    assert readers["frame-src"] == ["https://www.youtube.com", "https://datawrapper.dwcdn.net"]
    assert admin["frame-src"] == [
        "'self'",
        "https://www.youtube.com",
        "https://datawrapper.dwcdn.net",
    ]
    assert readers["report-uri"] == admin["report-uri"] == "https://reports.example.org/csp"


def test_no_embed_origins_means_no_frames_for_readers(monkeypatch):
    settings = base(monkeypatch, NEWSDESK_CSP_EMBED_ORIGINS="")
    assert settings["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["frame-src"] == ["'none'"]


def test_a_stray_character_in_embed_origins_stops_start_up(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="NEWSDESK_CSP_EMBED_ORIGINS"):
        base(monkeypatch, NEWSDESK_CSP_EMBED_ORIGINS="https://www.youtube.com; script-src *")
