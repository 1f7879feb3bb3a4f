"""Freshness across processes: an edit made in one process, seen through another within 1 s.

    .venv/bin/python bench/page_cache_freshness.py

Migrates a fresh SQLite site in a temporary folder, publishes a story, starts two worker
processes serving `newsdesk.config.wsgi` (the page cache in front of Django) on loopback, makes
the story a hit in both, then edits and publishes it here (a third process, as the admin or a
command would) and polls the second worker until it shows the new headline.
"""

import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DATA_DIR = tempfile.mkdtemp(prefix="newsdesk-freshness-")
ENV = {
    **os.environ,
    # The test settings: no collected static files needed, debug off.
    "DJANGO_SETTINGS_MODULE": "newsdesk.config.settings.test",
    "NEWSDESK_SECRET_KEY": "bench-only",
    "NEWSDESK_DATA_DIR": DATA_DIR,
    "NEWSDESK_ALLOWED_HOSTS": "127.0.0.1",
}
ENV.pop("DATABASE_URL", None)
ENV.pop("REDIS_URL", None)
os.environ.update(ENV)
for name in ("DATABASE_URL", "REDIS_URL"):
    os.environ.pop(name, None)

SERVER = """
import sys
from wsgiref.simple_server import WSGIRequestHandler, make_server
from newsdesk.config.wsgi import application
class Quiet(WSGIRequestHandler):
    def log_message(self, *args): pass
make_server("127.0.0.1", int(sys.argv[1]), application, handler_class=Quiet).serve_forever()
"""


def get(port: int, path: str) -> tuple[str, str]:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
        return response.headers.get("X-Newsdesk-Cache", ""), response.read().decode()


def main() -> None:
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from tests.common.db.articles import make_story
    from tests.common.db.sections import make_home, make_section

    story = make_story(make_section(make_home(), "Security"), "First headline")
    path = story.get_absolute_url()
    workers = [
        subprocess.Popen([sys.executable, "-c", SERVER, str(port)], env=ENV)
        for port in (8761, 8762)
    ]
    try:
        for port in (8761, 8762):
            for _ in range(100):
                try:
                    get(port, "/")
                    break
                except OSError:
                    time.sleep(0.1)
        for port in (8761, 8762, 8761, 8762):
            state, _ = get(port, path)
            print(f"worker {port}: {state}")
        story.headline = "Second headline"
        edited = time.monotonic()
        story.save_revision().publish()  # commits; the purge runs on commit
        published = time.monotonic()
        while True:
            state, body = get(8762, path)
            if "Second headline" in body:
                break
            if time.monotonic() - edited > 10:
                raise SystemExit("not fresh after 10 s")
            time.sleep(0.005)
        seen = time.monotonic()
        print(f"publish took {1000 * (published - edited):.0f} ms")
        print(
            f"worker 8762 served the edit {1000 * (seen - published):.0f} ms after the publish "
            f"returned ({state})"
        )
        state, _ = get(8762, path)
        print(f"worker 8762 next request: {state}")
    finally:
        for worker in workers:
            worker.terminate()


if __name__ == "__main__":
    main()
