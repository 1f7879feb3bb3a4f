"""`newsdesk send_moderation_digest`: email moderators what waits in the queue."""

from django.core.management.base import BaseCommand

from newsdesk.moderation.digest import send_moderation_digest


class Command(BaseCommand):
    help = (
        "Email every member of the Comment moderators group who has an email address and has not "
        "unsubscribed a digest of the pending comments: how many per story, the longest wait and "
        "a link to the queue. Sends nothing when the queue is empty. Run it from cron."
    )

    def handle(self, *args, **options):
        sent = send_moderation_digest()
        if options["verbosity"]:
            self.stdout.write(f"{sent} digest email(s) sent.")
