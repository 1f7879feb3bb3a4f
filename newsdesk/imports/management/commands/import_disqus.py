"""`newsdesk import_disqus FILE.xml [--dry-run]`: a Disqus export's comments under our stories."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from newsdesk.imports.disqus import import_disqus
from newsdesk.imports.management.progress import import_progress
from newsdesk.imports.reports import Report


class Command(BaseCommand):
    help = (
        "Import the comments of a Disqus XML export: threads matched to stories by identifier "
        "or address, replies kept in their threads, deleted and spam posts kept out of view, "
        "closed threads closing the story's comments. Running it again changes nothing; a newer "
        "export updates what changed. Prints a summary and every item left out, with why."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The Disqus export (XML).")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Read the whole file and report what would be done, storing nothing.",
        )

    def handle(self, *args, file, dry_run, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        report = Report(dry_run=dry_run)
        with import_progress(self, report, total=path.stat().st_size, unit="B") as update:
            import_disqus(path, report=report, dry_run=dry_run, progress=update)
        self.stdout.write(report.table())
