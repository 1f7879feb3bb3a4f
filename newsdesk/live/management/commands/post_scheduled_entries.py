from django.core.management.base import BaseCommand

from newsdesk.live.services import post_scheduled_entries


class Command(BaseCommand):
    help = "Post the live entries whose scheduled time has come (run every minute by the worker)."

    def handle(self, *args, **options):
        posted = post_scheduled_entries()
        if options["verbosity"] > 0:
            self.stdout.write(f"Posted {len(posted)} scheduled live entries.")
