"""Production: debug off, a secret key from the environment, secure cookies behind HTTPS."""

from newsdesk.config.env import env_bool, env_int

from .base import *  # noqa: F403

SECURE_SSL_REDIRECT = env_bool("NEWSDESK_HTTPS", False)
SESSION_COOKIE_SECURE = SECURE_SSL_REDIRECT
CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT
SECURE_HSTS_SECONDS = env_int("NEWSDESK_HSTS_SECONDS", 0)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE_SSL_REDIRECT else None
