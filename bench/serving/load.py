"""Load: wrk for reading (req/s and latency percentiles), a small Python client for the rest."""

import http.client
import json
import re
import statistics
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

#: wrk script: each request gets its own query string, so the page cache never has it (a miss).
UNIQUE_QUERY_LUA = """
local n = 0
local id = 0
setup = function(thread) id = id + 1; thread:set("tid", id) end
request = function()
  n = n + 1
  return wrk.format(nil, wrk.path .. "?bench=" .. tid .. "-" .. n .. "-" .. math.random(1e9))
end
"""

#: wrk script: cycles through PATHS, every MISS_EVERY-th request with its own query string.
CYCLE_LUA = """
local paths = {%(paths)s}
local i = 0
request = function()
  i = i + 1
  local path = paths[(i %% #paths) + 1]
  if i %% %(miss_every)d == 0 then path = path .. "?bench=" .. math.random(1e12) end
  return wrk.format(nil, path)
end
"""


@dataclass
class Result:
    """One measured run of one setup."""

    setup: str
    rate: float  # requests a second
    p50: float  # ms
    p99: float  # ms
    requests: int = 0
    errors: int = 0
    extra: dict = field(default_factory=dict)


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def wrk(
    setup: str,
    url: str,
    *,
    seconds: float,
    connections: int,
    threads: int = 2,
    script: str | None = None,
    script_dir: Path | None = None,
    headers: dict[str, str] | None = None,
) -> Result:
    """Run wrk against `url` and read its summary."""
    args = [
        "wrk",
        f"-t{min(threads, connections)}",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        "--timeout",
        "10s",
        "--latency",
    ]
    for name, value in (headers or {}).items():
        args += ["-H", f"{name}: {value}"]
    if script:
        path = script_dir / f"wrk-{abs(hash(script))}.lua"
        path.write_text(script)
        args += ["-s", str(path)]
    out = subprocess.run(
        [*args, url], capture_output=True, text=True, check=True, timeout=seconds + 60
    ).stdout
    try:
        rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
        p50 = _ms(re.search(r"^\s*50%\s+([\d.]+[a-z]+)", out, re.M).group(1))
        p99 = _ms(re.search(r"^\s*99%\s+([\d.]+[a-z]+)", out, re.M).group(1))
    except AttributeError:
        raise RuntimeError(f"wrk's output could not be read:\n{out}") from None
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    errors = 0
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        errors += int(match.group(1))
    if match := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    ):
        errors += sum(int(n) for n in match.groups())
    return Result(setup, rate, p50, p99, requests, errors, {"wrk": out})


class Client:
    """A keep-alive HTTP/1.1 connection to one loopback server, reopened when it drops."""

    def __init__(self, port: int):
        self.port = port
        self.connection = None

    def request(self, method: str, path: str, body: bytes | None = None, headers=None):
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            try:
                self.connection.request(method, path, body=body, headers=headers or {})
                response = self.connection.getresponse()
                data = response.read()
                if response.getheader("Connection", "").lower() == "close":
                    self.close()
                return response.status, response.headers, data
            except (http.client.HTTPException, ConnectionError):
                self.close()
                if attempt == 2 or method != "GET":
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def get_fresh(port: int, path: str) -> tuple[int, dict, bytes]:
    """One GET on a new connection (so that successive reads reach different workers)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Connection": "close"})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def run_requests(
    setup: str, port: int, requests: list[tuple], connections: int
) -> tuple[Result, list[tuple[int, bytes]]]:
    """Send `requests` (method, path, body, headers) over `connections` keep-alive clients.

    Every request is sent exactly once (no retry of a POST); returns the rate, latencies and
    each answer's status and body.
    """
    answers: list = [None] * len(requests)
    latencies: list[float] = [0.0] * len(requests)
    cursor = iter(range(len(requests)))
    lock = threading.Lock()

    def work() -> None:
        client = Client(port)
        while True:
            with lock:
                index = next(cursor, None)
            if index is None:
                break
            method, path, body, headers = requests[index]
            started = time.perf_counter()
            try:
                status, _headers, data = client.request(method, path, body, headers)
            except (OSError, http.client.HTTPException) as error:
                status, data = 0, str(error).encode()
            latencies[index] = (time.perf_counter() - started) * 1000
            answers[index] = (status, data)
        client.close()

    workers = [threading.Thread(target=work) for _ in range(connections)]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - started
    ordered = sorted(latencies)
    errors = sum(1 for status, _ in answers if not 200 <= status < 400)
    return (
        Result(
            setup,
            len(requests) / elapsed,
            statistics.median(ordered),
            ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))],
            len(requests),
            errors,
        ),
        answers,
    )


def json_body(data: dict) -> bytes:
    return json.dumps(data).encode()
