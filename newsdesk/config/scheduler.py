"""The worker's periodic jobs: what runs when, and a loop that runs each one when it is due.

Each job is a management command, so the schedule names commands and imports no app. Times are
wall-clock times in the site's time zone (`NEWSDESK_TIME_ZONE`), like cron's: a worker restarted
at 03:31 does not run the 03:30 job again, and one that was down at 03:30 skips it until the
next day. See docs/operations.md#the-worker.
"""

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connections
from django.utils import timezone

logger = logging.getLogger(__name__)

# The longest the loop sleeps before looking at the clock again (the clock may have been set).
MAX_SLEEP = 30.0


@dataclass(frozen=True)
class PeriodicJob:
    """A management command run every `every` from local midnight plus `offset`, or at the
    times of day in `at`."""

    command: str
    args: tuple[str, ...] = ()
    every: timedelta | None = None
    offset: timedelta = timedelta(0)
    at: tuple[time, ...] = field(default=())

    def __post_init__(self) -> None:
        if bool(self.every) == bool(self.at):
            raise ValueError(f"{self.command}: give either `every` or `at` times, not both.")

    @property
    def name(self) -> str:
        return " ".join((self.command, *self.args))

    def next_run(self, after: datetime) -> datetime:
        """The first time strictly after `after` when the job is due."""
        local = timezone.localtime(after)
        midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
        if self.every:
            periods = (local - midnight - self.offset) // self.every + 1
            return midnight + self.offset + periods * self.every
        for days in (0, 1):
            day = local.date() + timedelta(days=days)
            for at in sorted(self.at):
                candidate = datetime.combine(day, at, tzinfo=local.tzinfo)
                if candidate > local:
                    return candidate
        raise AssertionError("unreachable: a job with `at` times is due within a day")


def parse_times(name: str, values: list[str]) -> tuple[time, ...]:
    """Times of day written HH:MM, from the setting `name`; a clear error for anything else."""
    times = []
    for value in values:
        try:
            times.append(time.fromisoformat(value))
        except ValueError:
            raise ImproperlyConfigured(
                f"{name} must list times of day as HH:MM separated by commas, "
                f"e.g. 08:00,13:00,18:00; got {value!r}."
            ) from None
    return tuple(times)


def default_jobs(*, with_queue: bool) -> list[PeriodicJob]:
    """The site's periodic jobs; pruning finished tasks only when they wait in the database."""
    jobs = [
        PeriodicJob("publish_scheduled", every=timedelta(minutes=1)),
        PeriodicJob("poll_wire", every=timedelta(minutes=1)),
        PeriodicJob("post_scheduled_entries", every=timedelta(minutes=1)),
        PeriodicJob("optimize_database", every=timedelta(hours=1), offset=timedelta(minutes=17)),
        PeriodicJob("purge_comment_ips", at=(time(3, 45),)),
    ]
    if with_queue:
        jobs.append(
            PeriodicJob(
                "prune_db_task_results",
                ("--backend", "background", "--queue-name", "*", "--min-age-days", "7"),
                at=(time(3, 30),),
            )
        )
    digest_times = parse_times(
        "NEWSDESK_MODERATION_DIGEST_TIMES", settings.NEWSDESK_MODERATION_DIGEST_TIMES
    )
    if digest_times:
        jobs.append(PeriodicJob("send_moderation_digest", at=digest_times))
    return jobs


def run_job(job: PeriodicJob) -> bool:
    """Run one job; log its failure rather than raise, so one bad job never stops the worker."""
    logger.debug("Running %s", job.name)
    try:
        call_command(job.command, *job.args, verbosity=0)
    except (Exception, SystemExit):
        logger.exception("Periodic job %s failed", job.name)
        return False
    finally:
        # This thread's connections: close them, as Django does after each request.
        connections.close_all()
    return True


class Scheduler:
    """Runs each job when it is due until `stop()`; the job running then is finished first."""

    def __init__(
        self,
        jobs: list[PeriodicJob],
        *,
        run: Callable[[PeriodicJob], object] = run_job,
        now: Callable[[], datetime] = timezone.now,
    ):
        self.jobs = list(jobs)
        self.run_one = run
        self.now = now
        self.stopping = threading.Event()

    def stop(self) -> None:
        self.stopping.set()

    def run(self) -> None:
        if not self.jobs:
            self.stopping.wait()
            return
        start = self.now()
        due = {job: job.next_run(start) for job in self.jobs}
        while not self.stopping.is_set():
            job, when = min(due.items(), key=lambda item: item[1])
            wait = (when - self.now()).total_seconds()
            if wait > 0:
                self.stopping.wait(min(wait, MAX_SLEEP))
                continue
            self.run_one(job)
            # A job that overran its next time is not run twice in a row to catch up.
            due[job] = job.next_run(max(self.now(), when))
