"""`newsdesk reset_two_factor USERNAME`: turn two-step verification off for a staff member."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from newsdesk.staff_login.services import remove_two_factor, two_factor_required


class Command(BaseCommand):
    help = (
        "Remove the authenticator app of the staff member with this username (a lost phone). "
        "They sign in with their password alone, or are asked to set up a new app where the "
        "site requires it."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user_model = get_user_model()
        try:
            user = user_model.objects.get_by_natural_key(username)
        except user_model.DoesNotExist:
            raise CommandError(f"No user is called {username!r}.") from None
        removed = remove_two_factor(user)
        if not removed:
            raise CommandError(f"{username} has no two-step verification set up.")
        then = (
            "they must set up a new app at their next sign-in"
            if two_factor_required(user)
            else "they sign in with their password alone until they set up a new app"
        )
        self.stdout.write(f"Two-step verification removed for {username}; {then}.")
