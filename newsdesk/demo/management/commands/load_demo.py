"""`newsdesk load_demo`: fill an empty site with the demo newsroom and print the admin login."""

from django.core.management.base import BaseCommand

from newsdesk.demo import services


class Command(BaseCommand):
    help = (
        "Load the demo newsroom (sections, authors, agencies, photos, stories, and a contributor, "
        "an editor and a comment moderator) if the site has no stories yet, then print how to "
        "log in to the admin as the demo superuser."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-renditions",
            action="store_false",
            dest="renditions",
            help="Leave the photos' renditions to be made on first view.",
        )

    def handle(self, *args, renditions: bool, **options):
        services.load_demo(self.stdout, renditions=renditions)
        services.print_admin_login(self.stdout)
