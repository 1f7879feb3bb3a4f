"""What the wire tests share: the fixtures folder, a source, reading a fixture."""

from pathlib import Path

import pytest

from newsdesk.wire.models import WireSource
from tests.common.db.bylines import AgencyFactory

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


@pytest.fixture
def source(section, tmp_path):
    return WireSource.objects.create(
        name="AFP wire",
        agency=AgencyFactory(short_name="AFP", name="Agence France-Presse"),
        section=section,
        folder=str(tmp_path / "incoming"),
    )


@pytest.fixture
def russian_edition(home, section):
    """The Russian edition with its Security section, where Russian copy for `section` is filed."""
    from tests.common.db.sections import make_edition, translate_section

    make_edition(home, "ru")
    return translate_section(section, "ru", "Безопасность")
