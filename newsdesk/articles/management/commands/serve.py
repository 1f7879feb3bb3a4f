"""`newsdesk serve`: the development server plus the publishing scheduler, for one machine."""

import threading
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand

#: Seconds between refreshes of the query planner's statistics.
OPTIMIZE_EVERY = 3600


class Command(BaseCommand):
    help = (
        "Serve the site with Django's development server and publish scheduled stories every "
        "minute. For production, run an application server and `newsdesk publish_scheduled` "
        "from cron instead."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", default="8000")
        parser.add_argument(
            "--schedule-every", type=int, default=60, help="Seconds between scheduler runs."
        )

    def handle(self, *args, host, port, schedule_every, **options):
        threading.Thread(
            target=self._publish_scheduled_forever, args=(schedule_every,), daemon=True
        ).start()
        call_command("runserver", f"{host}:{port}", use_reloader=False)

    def _publish_scheduled_forever(self, every: int) -> None:
        last_optimized = None
        while True:
            try:
                call_command("publish_scheduled", verbosity=0)
            except Exception as error:
                self.stderr.write(f"Scheduled publishing failed: {error}")
            # Without statistics SQLite picks poor plans as the archive grows (docs/operations.md).
            if last_optimized is None or time.monotonic() - last_optimized >= OPTIMIZE_EVERY:
                try:
                    call_command("optimize_database", verbosity=0)
                except Exception as error:
                    self.stderr.write(f"Refreshing the planner's statistics failed: {error}")
                last_optimized = time.monotonic()
            time.sleep(every)
