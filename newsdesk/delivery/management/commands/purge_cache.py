"""`newsdesk purge_cache`: drop cached reader pages by key, or all of them, everywhere."""

from django.core.management.base import BaseCommand, CommandError

from newsdesk.delivery.keys import InvalidKey, check_key
from newsdesk.delivery.pagecache import EVERYTHING, page_cache
from newsdesk.delivery.services import purge_now, wait_for_purges


class Command(BaseCommand):
    help = (
        "Purge cached reader pages carrying any of the given keys (story-12 front nav ...) from "
        "every configured backend: the page cache of every process, Varnish, proxies, CDNs. "
        "--all empties the embedded page cache (proxies need a key, e.g. nav for every page)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "keys", nargs="*", help="Cache keys, as listed in docs/apps/delivery.md."
        )
        parser.add_argument("--all", action="store_true", help="Every page of the page cache.")

    def handle(self, *args, keys, all, **options):
        if not keys and not all:
            raise CommandError("Name the keys to purge (e.g. story-12 front), or --all.")
        try:
            keys = [check_key(key) for key in keys]
        except InvalidKey as error:
            raise CommandError(str(error)) from None
        if all:
            page_cache().purge((EVERYTHING,))
        if keys:
            purge_now(keys)
        if not wait_for_purges(timeout=30):
            raise CommandError("Some proxies could not be purged; see the log.")
        if options["verbosity"]:
            self.stdout.write(f"Purged: {'everything, ' if all else ''}{' '.join(keys)}")
