"""The test suite: a fixed key, fast password hashing, no outside services."""

import os
import tempfile

os.environ.setdefault("NEWSDESK_SECRET_KEY", "test-only-not-secret")
os.environ.setdefault("NEWSDESK_DATA_DIR", tempfile.mkdtemp(prefix="newsdesk-test-"))
# Mail goes through the outbox as in production, runs at once and lands in django.core.mail.outbox.
os.environ.setdefault("NEWSDESK_EMAIL_URL", "locmem://")
os.environ.setdefault("NEWSDESK_BACKGROUND_TASKS", "immediate")

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["*"]

# WhiteNoise warns about a missing static root on every request; give it an empty one.
os.makedirs(STATIC_ROOT, exist_ok=True)  # noqa: F405

# A file, not memory: tests then run SQLite as production does (WAL, several connections).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}  # noqa: F405
