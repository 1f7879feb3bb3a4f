"""`newsdesk purge_comment_ips`: truncate or drop old comments' IP addresses."""

from django.conf import settings
from django.core.management.base import BaseCommand

from newsdesk.moderation.privacy import DROP, TRUNCATE, purge_comment_ips


class Command(BaseCommand):
    help = (
        "Truncate (IPv4 to /24, IPv6 to /48) or drop the IP addresses of comments older than "
        "NEWSDESK_COMMENT_IP_RETENTION_DAYS, as NEWSDESK_COMMENT_IP_ACTION says. Run it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None, help="Override the retention period in days."
        )
        parser.add_argument(
            "--action", choices=[TRUNCATE, DROP], default=None, help="Override the action."
        )

    def handle(self, *args, days, action, **options):
        changed = purge_comment_ips(days=days, action=action)
        if options["verbosity"]:
            self.stdout.write(
                f"{changed} comment(s) changed: IP addresses older than "
                f"{days if days is not None else settings.NEWSDESK_COMMENT_IP_RETENTION_DAYS} "
                f"days {(action or settings.NEWSDESK_COMMENT_IP_ACTION)}d."
            )
