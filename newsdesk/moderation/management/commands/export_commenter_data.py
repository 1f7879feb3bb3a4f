"""`newsdesk export_commenter_data EMAIL`: everything stored about one commenter, as JSON."""

import json

from django.core.management.base import BaseCommand

from newsdesk.moderation.privacy import commenter_data


class Command(BaseCommand):
    help = (
        "Print as JSON everything stored about the commenter with this email address: comments "
        "(with IP address and browser), moderators' edits, bans and moderation log lines."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        self.stdout.write(json.dumps(commenter_data(email), ensure_ascii=False, indent=2))
