"""`newsdesk serve`: the site on granian, a production HTTP server, with uploaded media."""

import multiprocessing
import os
import signal
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

#: What the server runs: wsgi.py's application, with whatever wraps it there (the page cache).
WSGI_TARGET = "newsdesk.config.wsgi:application"
#: Uploaded photos and renditions never change under one name (a replaced photo gets a new
#: file name, and so do its renditions): browsers and proxies may keep them for a year.
MEDIA_MAX_AGE = 365 * 24 * 60 * 60
#: Threads per worker process running Django; each may hold a database connection.
DEFAULT_THREADS = 4
#: Seconds a stopping worker process gets to finish its requests before it is killed.
STOP_TIMEOUT = 30


def cpu_count() -> int:
    """The CPUs this process may run on (a container's share, not the whole machine's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def granian_options(
    *, host: str, port: int, workers: int, threads: int, access_log: bool
) -> dict[str, object]:
    """The granian server for Newsdesk: WSGI, media from MEDIA_ROOT at MEDIA_URL."""
    from granian.constants import Interfaces

    media_root = Path(settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    return {
        "target": WSGI_TARGET,
        "address": host,
        "port": port,
        "interface": Interfaces.WSGI,
        "workers": workers,
        "blocking_threads": threads,
        "log_access": access_log,
        # Granian answers these from disk before Python: no directory listings, nothing outside
        # the folder (`..`, encoded or not, and symbolic links out of it are 404s).
        "static_path_route": [settings.MEDIA_URL.rstrip("/")],
        "static_path_mount": [media_root],
        "static_path_expires": MEDIA_MAX_AGE,
        "respawn_failed_workers": True,
        "workers_kill_timeout": STOP_TIMEOUT,
    }


class Command(BaseCommand):
    help = (
        "Serve the site with granian: several worker processes (one per CPU by default) running "
        "newsdesk.config.wsgi, uploaded media from MEDIA_ROOT at /media/, static files through "
        "WhiteNoise, an access log on standard output. SIGHUP restarts the worker processes one "
        "by one (new code, no dropped connections); SIGTERM or Ctrl-C stops. Run `newsdesk "
        "worker` beside it, or pass --with-worker."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1", help="Address to listen on.")
        parser.add_argument("--port", type=int, default=8000, help="Port to listen on.")
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="Worker processes (default: the number of CPUs).",
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=DEFAULT_THREADS,
            help=f"Threads per worker process ({DEFAULT_THREADS}).",
        )
        parser.add_argument("--no-access-log", action="store_true", help="Do not log each request.")
        parser.add_argument(
            "--with-worker",
            action="store_true",
            help="Also run `newsdesk worker` (tasks and periodic jobs), stopped with the server.",
        )

    def handle(self, *args, host, port, workers, threads, no_access_log, with_worker, **options):
        from granian import Granian

        workers = workers if workers is not None else cpu_count()
        if workers < 1 or threads < 1:
            raise CommandError("--workers and --threads must be 1 or more.")
        server = Granian(
            **granian_options(
                host=host,
                port=port,
                workers=workers,
                threads=threads,
                access_log=not no_access_log,
            )
        )
        # Fresh interpreters, not forks of this one: a SIGHUP restart then loads new code, and
        # no database connection of this process is shared.
        multiprocessing.set_start_method("spawn", force=True)
        connections.close_all()
        worker = self._start_worker() if with_worker else None
        try:
            server.serve()
        finally:
            if worker is not None:
                self._stop_worker(worker)

    def _start_worker(self) -> subprocess.Popen:
        # Its own session: Ctrl-C in the terminal reaches the server only, which then stops the
        # worker with one SIGTERM (a second signal would make the worker drop its current job).
        return subprocess.Popen(
            [sys.executable, "-m", "newsdesk.config.cli", "worker"], start_new_session=True
        )

    def _stop_worker(self, worker: subprocess.Popen) -> None:
        if worker.poll() is None:
            worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
