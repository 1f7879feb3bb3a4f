"""`newsdesk send_moderation_digest`: email moderators what waits in the queue."""

from django.core.management.base import BaseCommand, CommandError

from newsdesk.moderation.digest import send_moderation_digest

# sysexits.h's EX_TEMPFAIL: a temporary failure, try again later.
EXIT_NOT_SENT = 75


class Command(BaseCommand):
    help = (
        "Email every member of the Comment moderators group who has an email address and has not "
        "unsubscribed a digest of the pending comments: how many per story, the longest wait and "
        "a link to the queue. Sends nothing when the queue is empty. `newsdesk worker` runs it at "
        "NEWSDESK_MODERATION_DIGEST_TIMES. Exits 75 "
        "when the mail server could not be reached and the digest was not sent (only when "
        "background tasks run immediately; the worker retries otherwise)."
    )

    def handle(self, *args, **options):
        run = send_moderation_digest()
        if options["verbosity"]:
            if run.queued:
                self.stdout.write(f"{run.queued} digest email(s) queued.")
            if run.sent or not (run.queued or run.failed):
                self.stdout.write(f"{run.sent} digest email(s) sent.")
        if run.failed:
            raise CommandError(
                f"Could not send the moderation digest to {', '.join(run.failed)} "
                f"({run.reason}). Nothing was recorded as sent: the next run sends it again.",
                returncode=EXIT_NOT_SENT,
            )
