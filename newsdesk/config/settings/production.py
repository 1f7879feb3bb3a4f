"""Production: debug off, a secret key from the environment, secure cookies behind HTTPS."""

from newsdesk.config.env import env_bool, env_int

from .base import *  # noqa: F403

SECURE_SSL_REDIRECT = env_bool("NEWSDESK_HTTPS", False)
# The caching proxy's health probe speaks plain HTTP on the loopback (deploy/varnish/).
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = SECURE_SSL_REDIRECT
CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE_SSL_REDIRECT else None

# Security headers: HSTS (docs/operations.md, "Security headers"). With HTTPS on, browsers are
# told to use nothing else for a year, on this host and its subdomains; NEWSDESK_HSTS_SECONDS
# still overrides (0 turns it off). Preloading is the domain owner's decision, made at
# hstspreload.org and hard to undo, so it is an opt-in; Django's reminder about it (W021) is
# silenced while it is off, since turning it on only to quiet the check would be wrong.
SECURE_HSTS_SECONDS = env_int(
    "NEWSDESK_HSTS_SECONDS", 365 * 24 * 60 * 60 if SECURE_SSL_REDIRECT else 0
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("NEWSDESK_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("NEWSDESK_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
