"""`newsdesk worker`: the background task queue and the periodic jobs, in one process."""

import logging
import signal
import threading

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.crypto import get_random_string

from newsdesk.config import scheduler

logger = logging.getLogger("newsdesk.config.worker")

DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"
# The task backend of our own tasks (email); see newsdesk/outbox/services.py.
BACKGROUND = "background"


class Command(BaseCommand):
    help = (
        "Run the background task queue (django-tasks-db's worker for the `background` backend, "
        "every queue) and the periodic jobs: publish_scheduled and poll_wire every minute, "
        "optimize_database "
        "hourly, purge_comment_ips and prune_db_task_results daily, send_moderation_digest at "
        "NEWSDESK_MODERATION_DIGEST_TIMES. SIGTERM or Ctrl-C stops it after the current task and "
        "job; a second Ctrl-C stops it at once. Run one per site (the periodic jobs must not run "
        "twice); add more with --no-schedule for a busy queue."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-schedule",
            action="store_true",
            help="Run the task queue only, not the periodic jobs.",
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="Seconds between looks at an empty task queue (1).",
        )

    def handle(self, *args, no_schedule, interval, **options):
        with_queue = settings.TASKS[BACKGROUND]["BACKEND"] == DATABASE_BACKEND
        if not with_queue and no_schedule:
            raise CommandError(
                "Background tasks run immediately (NEWSDESK_BACKGROUND_TASKS=immediate): there is "
                "no queue to run, and --no-schedule leaves nothing to do."
            )
        queue = _task_queue(interval) if with_queue else None
        schedule = (
            None
            if no_schedule
            else scheduler.Scheduler(scheduler.default_jobs(with_queue=with_queue))
        )

        signalled = threading.Event()
        self.forced = False

        def stop(signum, frame):
            if signalled.is_set():
                logger.warning("%s again: stopping now.", signal.strsignal(signum))
                self.forced = True
                raise SystemExit(1)
            signalled.set()
            logger.warning(
                "%s: stopping after the current task and job (again to stop now).",
                signal.strsignal(signum),
            )
            if schedule is not None:
                schedule.stop()
            if queue is not None:
                queue.running = False

        previous = {
            signum: signal.signal(signum, stop) for signum in (signal.SIGINT, signal.SIGTERM)
        }
        try:
            self._run(schedule, queue, options["verbosity"])
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)

    def _run(self, schedule, queue, verbosity: int) -> None:

        if verbosity:
            what = ["the task queue" if queue else "no task queue (tasks run immediately)"]
            if schedule is not None:
                what.append("periodic jobs: " + "; ".join(job.name for job in schedule.jobs))
            self.stdout.write(f"Worker started with {', '.join(what)}.")
        if queue is None:
            schedule.run()
        else:
            self._run_queue_beside(schedule, queue)
        if verbosity:
            self.stdout.write("Worker stopped.")

    def _run_queue_beside(self, schedule, queue) -> None:
        """The task queue in this thread (signals arrive here), the periodic jobs in another."""
        jobs = None
        if schedule is not None:
            jobs = threading.Thread(target=schedule.run, name="periodic-jobs", daemon=True)
            jobs.start()
        try:
            queue.run()
        finally:
            if schedule is not None:
                schedule.stop()
                if not self.forced:
                    jobs.join()


def _task_queue(interval: float):
    """django-tasks-db's worker for our backend, every queue; signals are ours, not its own."""
    from django_tasks_db.management.commands.db_worker import Worker

    return Worker(
        queue_names=["*"],
        interval=interval,
        batch=False,
        backend_name=BACKGROUND,
        startup_delay=False,
        max_tasks=None,
        worker_id=get_random_string(32),
        excluded_queue_names=[],
    )
