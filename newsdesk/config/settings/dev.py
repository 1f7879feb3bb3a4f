"""Development and the demo: debug on, a throwaway secret key, mail to the console."""

import os

os.environ.setdefault("NEWSDESK_DEBUG", "1")
os.environ.setdefault("NEWSDESK_SECRET_KEY", "dev-only-not-secret")

from .base import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
