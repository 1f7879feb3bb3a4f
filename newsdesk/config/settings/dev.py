"""Development and the demo: debug on, a throwaway key, mail to the console, no worker needed."""

import os

os.environ.setdefault("NEWSDESK_DEBUG", "1")
os.environ.setdefault("NEWSDESK_SECRET_KEY", "dev-only-not-secret")
# Email is printed where `make demo` runs, at once: the demo needs no mail server and no worker.
os.environ.setdefault("NEWSDESK_EMAIL_URL", "console://")
os.environ.setdefault("NEWSDESK_BACKGROUND_TASKS", "immediate")

from .base import *  # noqa: F403
