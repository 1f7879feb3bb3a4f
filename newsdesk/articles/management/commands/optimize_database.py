"""`newsdesk optimize_database`: refresh the query planner's statistics."""

from django.core.management.base import BaseCommand
from django.db import connections


class Command(BaseCommand):
    help = (
        "Refresh the database's query planner statistics: ANALYZE the first time on SQLite, then "
        "PRAGMA optimize (which re-analyses only what changed); ANALYZE on PostgreSQL. Run it "
        "after migrating or importing an archive; `newsdesk worker` runs it every hour."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default")

    def handle(self, *args, database, **options):
        connection = connections[database]
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'"
                )
                has_statistics = cursor.fetchone() is not None
                cursor.execute("PRAGMA optimize" if has_statistics else "ANALYZE")
                done = "PRAGMA optimize" if has_statistics else "ANALYZE (first statistics)"
            else:
                cursor.execute("ANALYZE")
                done = "ANALYZE"
        if options["verbosity"]:
            self.stdout.write(f"{connection.vendor}: {done}")
