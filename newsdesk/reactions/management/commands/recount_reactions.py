"""`newsdesk recount_reactions`: rebuild the Yes / No tallies from the stored answers."""

from django.core.management.base import BaseCommand

from newsdesk.reactions import services


class Command(BaseCommand):
    help = (
        "Rebuild each story's Yes / No tally from the stored answers. Votes keep tallies right by "
        "themselves; run this after editing or restoring reaction rows by hand."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "story_ids", nargs="*", type=int, help="Only these stories (default: all answered)."
        )

    def handle(self, *args, story_ids: list[int], **options) -> None:
        corrected = services.recount_tallies(story_ids or None)
        if corrected:
            listed = ", ".join(str(story_id) for story_id in corrected)
            self.stdout.write(f"Corrected the tallies of stories {listed}.")
        else:
            self.stdout.write("Every tally was right.")
