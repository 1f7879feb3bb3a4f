"""The test suite: a fixed key, fast password hashing, no outside services."""

import os
import tempfile
from urllib.parse import urlsplit, urlunsplit

os.environ.setdefault("NEWSDESK_SECRET_KEY", "test-only-not-secret")
os.environ.setdefault("NEWSDESK_DATA_DIR", tempfile.mkdtemp(prefix="newsdesk-test-"))
# Under pytest-xdist (`pytest -n 2`) each worker process inherits the first one's environment:
# give each its own data folder (media, page cache, SQLite file) and, below, its own Redis database,
# since every test empties the caches it uses.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if _WORKER:
    os.environ["NEWSDESK_DATA_DIR"] = os.path.join(os.environ["NEWSDESK_DATA_DIR"], _WORKER)
    os.makedirs(os.environ["NEWSDESK_DATA_DIR"], exist_ok=True)
# Mail goes through the outbox as in production, runs at once and lands in django.core.mail.outbox.
os.environ.setdefault("NEWSDESK_EMAIL_URL", "locmem://")
os.environ.setdefault("NEWSDESK_BACKGROUND_TASKS", "immediate")

from .base import *  # noqa: E402, F403

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

if _WORKER and os.environ.get("REDIS_URL"):
    # gw0 keeps REDIS_URL's database, gw1 takes the one below it, and so on.
    _redis = urlsplit(os.environ["REDIS_URL"])
    _database = int(_redis.path.strip("/") or 0) - int(_WORKER.removeprefix("gw"))
    for _cache in CACHES.values():  # noqa: F405
        _cache["LOCATION"] = urlunsplit(_redis._replace(path=f"/{_database % 16}"))
