"""One URL names the mail server; a URL that cannot says why."""

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdesk.config.email_url import SMTP, EmailURLError, parse_email_url


def test_smtp_with_starttls_and_a_password():
    settings = parse_email_url("smtp+tls://desk%40example.org:p%40ss%2Fw:rd@mail.example.org:2525")
    assert settings.as_django_settings() == {
        "EMAIL_BACKEND": SMTP,
        "EMAIL_HOST": "mail.example.org",
        "EMAIL_PORT": 2525,
        "EMAIL_HOST_USER": "desk@example.org",
        "EMAIL_HOST_PASSWORD": "p@ss/w:rd",
        "EMAIL_USE_TLS": True,
        "EMAIL_USE_SSL": False,
        "EMAIL_TIMEOUT": 30,
        "EMAIL_FILE_PATH": None,
    }


@pytest.mark.parametrize(
    ("url", "port", "tls", "ssl"),
    [
        ("smtp://localhost", 25, False, False),
        ("smtp+tls://mail.example.org", 587, True, False),
        ("smtps://mail.example.org", 465, False, True),
        ("SMTP+SSL://mail.example.org", 465, False, True),
    ],
)
def test_each_smtp_scheme_has_its_port_and_encryption(url, port, tls, ssl):
    settings = parse_email_url(url)
    assert (settings.port, settings.use_tls, settings.use_ssl) == (port, tls, ssl)
    assert (settings.user, settings.password) == ("", "")


def test_timeout_option():
    assert parse_email_url("smtp://localhost:25?timeout=5").timeout == 5


@pytest.mark.parametrize(
    ("url", "backend"),
    [
        ("console://", "django.core.mail.backends.console.EmailBackend"),
        ("locmem://", "django.core.mail.backends.locmem.EmailBackend"),
        ("dummy://", "django.core.mail.backends.dummy.EmailBackend"),
    ],
)
def test_local_backends(url, backend):
    assert parse_email_url(url).backend == backend


def test_file_backend_writes_to_the_folder():
    settings = parse_email_url("file:///var/spool/newsdesk%20mail")
    assert settings.backend == "django.core.mail.backends.filebased.EmailBackend"
    assert settings.file_path == "/var/spool/newsdesk mail"


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("mail.example.org", "not a URL"),
        ("smtp://user:secret@[mail", "not a valid URL"),
        ("smpt://mail.example.org", "unknown scheme 'smpt'"),
        ("smtp://", "needs a host"),
        ("smtp+tls://user:pass@:587", "needs a host"),
        ("smtp://mail.example.org:0", "port must be a number"),
        ("smtp://mail.example.org:99999", "port must be a number"),
        ("smtp://mail.example.org:25x", "port must be a number"),
        ("smtp://desk@mail.example.org", "both a user and a password"),
        ("smtp://mail.example.org/inbox", "no path"),
        ("smtp://mail.example.org?tls=1", "unknown option 'tls'"),
        ("smtp://mail.example.org?timeout=soon", "whole number of seconds"),
        ("smtp://mail.example.org?timeout=0", "at least 1 second"),
        ("file://var/mail", "third slash"),
        ("file://", "needs the folder"),
        ("console://mail.example.org", "takes no host"),
        ("console:///tmp", "takes no path"),
        ("locmem://?timeout=3", "takes none"),
    ],
)
def test_unusable_urls_say_why(url, reason):
    with pytest.raises(EmailURLError, match=reason):
        parse_email_url(url)


@given(st.text())
def test_any_text_parses_or_says_why(text):
    """Whatever an operator types, the answer is settings or EmailURLError, never a crash."""
    with contextlib.suppress(EmailURLError):
        parse_email_url(text)


@given(st.sampled_from(["smtp", "smtp+tls", "smtps", "console", "file", "locmem"]), st.text())
def test_any_text_after_a_known_scheme_parses_or_says_why(scheme, rest):
    with contextlib.suppress(EmailURLError):
        parse_email_url(f"{scheme}://{rest}")


@pytest.mark.parametrize(
    "url",
    ["desk:s3cret@mail.example.org", "smtp://desk:s3cret@[mail", "smtp://desk:s3cret@host:0"],
)
def test_the_reason_never_repeats_the_password(url):
    with pytest.raises(EmailURLError) as raised:
        parse_email_url(url)
    assert "s3cret" not in str(raised.value)
