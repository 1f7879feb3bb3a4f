"""`newsdesk reset_two_factor`: an administrator removes a staff member's lost app."""

import pytest
from django.core.management import CommandError, call_command

from newsdesk.staff_login.services import has_two_factor
from tests.common.db.staff_login import make_authenticator


def test_reset_two_factor_removes_the_app(editor, capsys):
    make_authenticator(editor)

    call_command("reset_two_factor", "edna")

    assert not has_two_factor(editor)
    assert "removed for edna" in capsys.readouterr().out


def test_reset_two_factor_names_an_unknown_user(db):
    with pytest.raises(CommandError, match="No user is called 'nobody'"):
        call_command("reset_two_factor", "nobody")


def test_reset_two_factor_says_when_there_is_nothing_to_remove(editor):
    with pytest.raises(CommandError, match="no two-step verification"):
        call_command("reset_two_factor", "edna")
