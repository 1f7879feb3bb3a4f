"""`newsdesk serve`: the site on granian, a production HTTP server, with uploaded media."""

import contextlib
import multiprocessing
import os
import select
import signal
import subprocess
import sys
import time
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
#: Seconds granian's main process gets beyond STOP_TIMEOUT to stop before it and its worker
#: processes are killed (inside systemd's TimeoutStopSec, 40 s in deploy/systemd).
STOP_GRACE = 5
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


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
        "by one (new code, no dropped connections); SIGTERM or Ctrl-C stops, a second one at once. "
        "Run `newsdesk worker` beside it, or pass --with-worker."
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
        workers = workers if workers is not None else cpu_count()
        if workers < 1 or threads < 1:
            raise CommandError("--workers and --threads must be 1 or more.")
        options = granian_options(
            host=host, port=port, workers=workers, threads=threads, access_log=not no_access_log
        )
        connections.close_all()
        code = Supervisor(options, with_worker=with_worker, stderr=self.stderr).run()
        if code:
            sys.exit(code)


def run_granian(options: dict[str, object]) -> None:
    """Granian's main process, started by Supervisor in a fresh interpreter.

    In its own session, so the terminal's Ctrl-C reaches neither it nor its worker processes.
    Granian's signal handlers (main process and workers) set a threading.Event, which deadlocks
    when a second signal, or a worker's exit, lands while the first is being handled. When the
    whole terminal group got SIGINT, the workers stopped on their own SIGINT while the main
    process handled its own and then sent them SIGTERM: the main process or a worker hung.
    Here each gets one signal: the main process from Supervisor, the workers from it.
    """
    os.setsid()
    # Until granian installs its reload handler: SIGHUP's default action would end the process.
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    # Fresh interpreters for the workers, not forks of this one: a SIGHUP restart then loads new
    # code, and no database connection is shared.
    multiprocessing.set_start_method("spawn", force=True)
    from granian import Granian

    Granian(**options).serve()


class Supervisor:
    """`newsdesk serve`'s own process: starts granian (run_granian) and `newsdesk worker`, and
    passes signals on, one at a time.

    SIGINT or SIGTERM: one SIGTERM to granian's main process and one to the worker, which stop
    in parallel. Again, or granian still running STOP_TIMEOUT + STOP_GRACE seconds later: SIGKILL
    to granian's session, and the worker's second SIGTERM (it stops without finishing its task).
    SIGHUP: passed on to granian (graceful restart of its workers), unless stopping.
    """

    #: What runs in the child process, given the options.
    target = staticmethod(run_granian)

    def __init__(self, options: dict[str, object], *, with_worker: bool, stderr):
        self.options = options
        self.with_worker = with_worker
        self.stderr = stderr
        self.worker: subprocess.Popen | None = None
        self.worker_signalled = False
        self.received: list[int] = []
        self.stopping = False
        self.stop_deadline: float | None = None  # until granian is killed
        self.reaped = False
        self.server = multiprocessing.get_context("spawn").Process(
            target=self.target, args=(options,), name="granian"
        )

    def run(self) -> int:
        """Serve until granian's main process exits; 0 if it stopped cleanly, else 1."""
        wake_read, wake_write = os.pipe()
        for fd in (wake_read, wake_write):
            os.set_blocking(fd, False)
        # The handler only notes the signal: it runs between two bytecodes of this thread, which
        # may hold any lock at that moment. The loops below act on it, woken through the pipe.
        previous_wakeup = signal.set_wakeup_fd(wake_write)
        previous = {
            signum: signal.signal(signum, self._note) for signum in (*STOP_SIGNALS, signal.SIGHUP)
        }
        try:
            if self.with_worker:
                self._start_worker()
            self.server.start()
            self._serve(wake_read)
            # Exited but not yet reaped, so its session id is still its own: whatever is left of
            # it (the workers of a main process that crashed) goes too.
            self._kill_server()
            self.server.join()
            self.reaped = True
            if self.worker is not None:
                self._stop_worker(wake_read)
        finally:
            if not self.reaped and self.server.pid is not None:
                self._kill_server()
                self.server.join()
            if self.worker is not None and self.worker.poll() is None:
                self.worker.kill()
                self.worker.wait()
            for signum, handler in previous.items():
                signal.signal(signum, handler)
            signal.set_wakeup_fd(previous_wakeup)
            os.close(wake_read)
            os.close(wake_write)
        return 0 if self.server.exitcode == 0 else 1

    def _note(self, signum, frame) -> None:
        self.received.append(signum)

    def _wait(self, wake_read: int, fds: list[int], timeout: float | None) -> list[int]:
        """Wait for one of `fds` or a signal; act on the signals; the `fds` that are ready."""
        ready, _, _ = select.select([*fds, wake_read], [], [], timeout)
        if wake_read in ready:
            with contextlib.suppress(BlockingIOError):
                while os.read(wake_read, 64):
                    pass
        while self.received:
            self._act(self.received.pop(0))
        return [fd for fd in fds if fd in ready]

    def _serve(self, wake_read: int) -> None:
        while True:
            timeout = None
            if self.stop_deadline is not None:
                timeout = max(0.0, self.stop_deadline - time.monotonic())
            if self._wait(wake_read, [self.server.sentinel], timeout):
                return
            if self.stop_deadline is not None and time.monotonic() >= self.stop_deadline:
                self.stderr.write(
                    f"granian did not stop within {STOP_TIMEOUT + STOP_GRACE} s: killed."
                )
                self._kill_server()
                self.stop_deadline = None  # SIGKILL: it exits now

    def _act(self, signum: int) -> None:
        if signum == signal.SIGHUP:
            if not self.stopping and self.server.pid is not None:
                os.kill(self.server.pid, signal.SIGHUP)
        elif not self.stopping:
            self.stopping = True
            self.stop_deadline = time.monotonic() + STOP_TIMEOUT + STOP_GRACE
            if self.server.pid is not None:
                os.kill(self.server.pid, signal.SIGTERM)
            self._signal_worker()
        else:
            self.stderr.write(f"{signal.strsignal(signum)} again: stopping now.")
            self._kill_server()
            self.stop_deadline = None
            self._signal_worker()

    def _kill_server(self) -> None:
        """SIGKILL to granian's session (its main process and worker processes)."""
        if self.server.pid is None or self.reaped:  # its number may be another process's now
            return
        for kill in (os.killpg, os.kill):  # os.kill: in case it has not made its session yet
            with contextlib.suppress(ProcessLookupError):
                kill(self.server.pid, signal.SIGKILL)

    def _start_worker(self) -> None:
        # Its own session too: only this process signals it.
        self.worker = subprocess.Popen(
            [sys.executable, "-m", "newsdesk.config.cli", "worker"], start_new_session=True
        )

    def _signal_worker(self) -> None:
        """One SIGTERM: stop after the current task; a second one: stop now."""
        if self.worker is not None and self.worker.poll() is None:
            self.worker.send_signal(signal.SIGTERM)
            self.worker_signalled = True

    def _stop_worker(self, wake_read: int) -> None:
        if not self.worker_signalled:  # granian stopped on its own
            self._signal_worker()
        deadline = time.monotonic() + STOP_TIMEOUT
        while self.worker.poll() is None and time.monotonic() < deadline:
            self._wait(wake_read, [], 0.2)
