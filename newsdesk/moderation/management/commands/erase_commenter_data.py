"""`newsdesk erase_commenter_data EMAIL`: erase one commenter's personal data."""

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Exists, OuterRef

from newsdesk.discussion.models import Comment
from newsdesk.moderation.privacy import erase_commenter_data


class Command(BaseCommand):
    help = (
        "Erase the commenter with this email address: delete their comments, or, where others "
        'replied, keep the place in the thread as "Deleted commenter" with the text removed. '
        "Edits go too; bans stay. Asks for confirmation unless --yes."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, email, yes, **options):
        comments = Comment.objects.filter(author_email__iexact=email.strip())
        total = comments.count()
        if not total:
            raise CommandError(f"No comments are stored for {email}.")
        with_replies = comments.filter(
            Exists(Comment.objects.filter(parent_id=OuterRef("pk")))
        ).count()
        self.stdout.write(
            f"{total} comment(s) by {email}: {with_replies} with replies will be anonymised, "
            "the others deleted."
        )
        if not yes and input("Type 'yes' to erase: ").strip().lower() != "yes":
            raise CommandError("Nothing erased.")
        erasure = erase_commenter_data(email)
        self.stdout.write(
            f"Erased: {erasure.anonymised} anonymised, {erasure.deleted} deleted; "
            f"{erasure.bans_kept} ban(s) kept."
        )
