"""`newsdesk poll_wire`: read every enabled wire source that is due (the worker's job)."""

from django.core.management.base import BaseCommand

from newsdesk.wire.transports import poll_due_sources


class Command(BaseCommand):
    help = (
        "Poll every enabled wire source that is due: watched folders every time, HTTP(S) "
        "sources at their interval, longer after failures. `newsdesk worker` runs it every minute."
    )

    def handle(self, *args, **options):
        for source, said in poll_due_sources():
            if options["verbosity"]:
                self.stdout.write(f"{source}: {said}")
