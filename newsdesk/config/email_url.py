"""Read the mail server from one URL, such as `smtp+tls://user:pass@mail.example.org:587`.

Our own small parser rather than dj-email-url: that package has had no release since 2022, leaves an
unknown scheme (a typo such as `smpt://`) without a backend instead of refusing it, and reads `smtps://`
as STARTTLS where everyone else means TLS from the first byte on port 465.
"""

from dataclasses import dataclass
from urllib.parse import parse_qsl, unquote, urlsplit

SMTP = "django.core.mail.backends.smtp.EmailBackend"

# scheme: (Django backend, STARTTLS, TLS from the start, default port)
SCHEMES = {
    "smtp": (SMTP, False, False, 25),
    "smtp+tls": (SMTP, True, False, 587),
    "smtps": (SMTP, False, True, 465),
    "smtp+ssl": (SMTP, False, True, 465),
    "console": ("django.core.mail.backends.console.EmailBackend", False, False, None),
    "file": ("django.core.mail.backends.filebased.EmailBackend", False, False, None),
    "locmem": ("django.core.mail.backends.locmem.EmailBackend", False, False, None),
    "dummy": ("django.core.mail.backends.dummy.EmailBackend", False, False, None),
}
DEFAULT_TIMEOUT = 30


class EmailURLError(ValueError):
    """The URL cannot name a mail server; the message says why."""


@dataclass(frozen=True)
class EmailSettings:
    """Django's EMAIL_* settings, as one URL describes them."""

    backend: str
    host: str = "localhost"
    port: int = 25
    user: str = ""
    password: str = ""
    use_tls: bool = False
    use_ssl: bool = False
    timeout: int | None = None
    file_path: str | None = None

    def as_django_settings(self) -> dict:
        """The EMAIL_* names Django's backends read, with `EMAIL_BACKEND` for the backend."""
        return {
            "EMAIL_BACKEND": self.backend,
            "EMAIL_HOST": self.host,
            "EMAIL_PORT": self.port,
            "EMAIL_HOST_USER": self.user,
            "EMAIL_HOST_PASSWORD": self.password,
            "EMAIL_USE_TLS": self.use_tls,
            "EMAIL_USE_SSL": self.use_ssl,
            "EMAIL_TIMEOUT": self.timeout,
            "EMAIL_FILE_PATH": self.file_path,
        }


def parse_email_url(url: str) -> EmailSettings:
    """Read a mail server URL; raise EmailURLError with the reason when it cannot be used.

    The reason never repeats the URL's user or password.
    """
    url = url.strip()
    if "://" not in url:
        # Never repeat the value: it may hold a password.
        raise EmailURLError("it is not a URL; expected e.g. smtp+tls://user:pass@host:587.")
    try:
        parts = urlsplit(url)
    except ValueError as error:  # an unbalanced [ or ] around the host
        raise EmailURLError(f"it is not a valid URL: {error}.") from None
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        known = ", ".join(f"{name}://" for name in SCHEMES)
        raise EmailURLError(f"unknown scheme {parts.scheme!r}; use one of {known}.")
    backend, use_tls, use_ssl, default_port = SCHEMES[scheme]
    options = _options(parts.query, smtp=backend == SMTP)
    if backend == SMTP:
        return _smtp(parts, backend, use_tls, use_ssl, default_port, options)
    if parts.netloc:
        raise EmailURLError(
            f"{scheme}:// takes no host or password"
            + (
                " (a file path starts with a third slash: file:///var/mail)."
                if scheme == "file"
                else "."
            )
        )
    if scheme == "file":
        if not parts.path or parts.path == "/":
            raise EmailURLError("file:// needs the folder to write to, e.g. file:///var/mail.")
        return EmailSettings(backend=backend, file_path=unquote(parts.path))
    if parts.path not in ("", "/"):
        raise EmailURLError(f"{scheme}:// takes no path.")
    return EmailSettings(backend=backend)


def _smtp(parts, backend, use_tls, use_ssl, default_port, options) -> EmailSettings:
    if not parts.hostname:
        raise EmailURLError(
            f"{parts.scheme}:// needs a host, e.g. {parts.scheme}://mail.example.org."
        )
    if parts.path not in ("", "/"):
        raise EmailURLError("an SMTP URL takes no path.")
    try:
        port = parts.port
    except ValueError:
        port = 0
    if port == 0:
        raise EmailURLError("the port must be a number from 1 to 65535.")
    user = unquote(parts.username or "")
    password = unquote(parts.password or "")
    if bool(user) != bool(password):
        # Django logs in only with both: one alone would silently send unauthenticated.
        raise EmailURLError(
            "give both a user and a password, or neither "
            "(percent-encode @, : and / inside them: p%40ss)."
        )
    return EmailSettings(
        backend=backend,
        host=parts.hostname,
        port=port or default_port,
        user=user,
        password=password,
        use_tls=use_tls,
        use_ssl=use_ssl,
        timeout=options.get("timeout", DEFAULT_TIMEOUT),
    )


def _options(query: str, smtp: bool) -> dict:
    options = {}
    for name, value in parse_qsl(query, keep_blank_values=True):
        if name != "timeout" or not smtp:
            raise EmailURLError(
                f"unknown option {name!r}"
                + ("; the only option is timeout=SECONDS." if smtp else "; this scheme takes none.")
            )
        try:
            options["timeout"] = int(value)
        except ValueError:
            raise EmailURLError(
                f"timeout must be a whole number of seconds; got {value!r}."
            ) from None
        if options["timeout"] <= 0:
            raise EmailURLError("timeout must be at least 1 second.")
    return options
