"""What the import tests share: the fixtures, the shared WordPress export, the command."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.common.db.sections import make_section

FIXTURES = Path(__file__).parent / "fixtures"
SHARED_EXPORT = (
    Path(__file__).resolve().parents[2]
    / ".."
    / "shared"
    / "data"
    / "wordpress"
    / "64-block-test-data.xml"
)


def import_wordpress(*args: str) -> str:
    """Run `newsdesk import_wordpress` with `args`; its output."""
    out = StringIO()
    call_command("import_wordpress", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def news(home):
    return make_section(home, "News")


@pytest.fixture
def politics(home):
    return make_section(home, "Politics")
