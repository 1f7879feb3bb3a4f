"""What the import tests share: the fixtures, the shared WordPress export, the command, and the
two stories (imported WordPress posts) the comments importers' tests put comments under."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from newsdesk.discussion.models import Comment
from newsdesk.imports.reports import Report
from tests.common.db.imported_posts import make_imported_post
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
#: isso's test exports of WordPress and Disqus comments.
SHARED_COMMENTS = Path(__file__).resolve().parents[3] / "shared" / "data" / "comments-import"
GAZETTE = "https://gazette.example"


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


@pytest.fixture
def ferry(section):
    """WordPress post 101 of the gazette, imported: the comment fixtures' main story."""
    return make_imported_post(section, 101, site=GAZETTE, url=f"{GAZETTE}/2024/11/ferry-timetable/")


@pytest.fixture
def lighthouse(section):
    """WordPress post 95 of the gazette, imported: the Disqus export's closed thread."""
    return make_imported_post(section, 95, site=GAZETTE, url=f"{GAZETTE}/2024/10/lighthouse-sale/")


def import_comments(importer, path: Path, **options) -> Report:
    """Run a comments importer (`import_wordpress_comments`, `import_disqus`); its report."""
    report = Report(dry_run=options.get("dry_run", False))
    importer(path, report=report, **options)
    return report


def by_author(name: str) -> Comment:
    return Comment.objects.get(author_name=name)
