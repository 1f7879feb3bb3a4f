"""Processes the benchmark starts: each in its own process group, all stopped at the end."""

import contextlib
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path


def free_port() -> int:
    """A loopback port nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_http(url: str, timeout: float = 60, process: subprocess.Popen | None = None) -> None:
    """Wait until `url` answers (any HTTP status), or fail with what went wrong."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode} before {url}")
        try:
            urllib.request.urlopen(url, timeout=5).close()  # noqa: S310 (http://127.0.0.1)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


class Processes:
    """Starts processes in new sessions and kills their whole groups on `stop_all`."""

    def __init__(self, log_dir: Path):
        self.log_dir = log_dir
        self.started: list[tuple[str, subprocess.Popen]] = []

    def start(self, name: str, args: list[str], **kwargs) -> subprocess.Popen:
        log = open(self.log_dir / f"{name}.log", "ab")  # noqa: SIM115 (closed with the process)
        kwargs.setdefault("stderr", log if "stdout" in kwargs else subprocess.STDOUT)
        kwargs.setdefault("stdout", log)
        process = subprocess.Popen(args, start_new_session=True, **kwargs)
        self.started.append((name, process))
        return process

    def stop(self, process: subprocess.Popen, timeout: float = 10) -> None:
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(5)
        # Children that outlived their leader (granian's workers) share its process group.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)

    def stop_all(self) -> None:
        for _name, process in reversed(self.started):
            self.stop(process)
        self.started.clear()


def children(pid: int) -> list[int]:
    """Direct child processes of `pid` (granian's workers)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return sorted(found)


def workers(pid: int) -> list[int]:
    """The processes under `pid` that start none of their own: granian's workers, whether
    granian is `pid` or runs under `newsdesk serve`'s supervisor."""
    found = []
    for child in children(pid):
        try:
            command = Path(f"/proc/{child}/cmdline").read_bytes()
        except OSError:
            continue
        if b"resource_tracker" in command:  # multiprocessing's helper, not a worker
            continue
        found.extend(workers(child) or [child])
    return sorted(found)


def rss_mb(pid: int) -> float:
    """Resident memory of a process, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0
