"""`newsdesk sanitise_stories`: pass every stored story body through the rich text sanitiser."""

from django.core.management.base import BaseCommand

from newsdesk.articles.services import sanitise_stored_bodies


class Command(BaseCommand):
    help = (
        "Sanitise the stored body of every story (newsdesk.rich_text): for HTML stored before "
        "bodies were sanitised on save, or written around the ORM. Changes only the body column; "
        "lists the stories it changed. Run it once after upgrading, and after any import that "
        "bypassed Newsdesk."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List the stories it would change, change none."
        )

    def handle(self, *args, dry_run, **options):
        changed = sanitise_stored_bodies(dry_run=dry_run)
        for pk in changed:
            self.stdout.write(f"story {pk}: {'would be ' if dry_run else ''}sanitised")
        verb = "would change" if dry_run else "changed"
        self.stdout.write(f"{len(changed)} stories {verb}.")
