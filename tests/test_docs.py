"""Every setting, management command and signal Newsdesk adds is documented in docs/."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "newsdesk"


def docs_text() -> str:
    return "\n".join(path.read_text() for path in (ROOT / "docs").rglob("*.md"))


def source_files():
    return [p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts]


def setting_names() -> set[str]:
    names = {"DATABASE_URL", "REDIS_URL"}
    for path in source_files():
        names.update(re.findall(r"\bNEWSDESK_[A-Z0-9_]*[A-Z0-9]\b", path.read_text()))
    return names


def command_names() -> set[str]:
    return {
        path.stem
        for path in PACKAGE.glob("*/management/commands/*.py")
        if not path.stem.startswith("_")
    }


def signal_names() -> set[str]:
    names = set()
    for path in PACKAGE.rglob("signals.py"):
        names.update(re.findall(r"^(\w+) = Signal\(\)", path.read_text(), re.MULTILINE))
    return names


@pytest.mark.parametrize("name", sorted(setting_names()))
def test_setting_is_documented(name):
    assert re.search(rf"`{name}`", docs_text()), f"{name} is not documented in docs/"


@pytest.mark.parametrize("name", sorted(command_names()))
def test_management_command_is_documented(name):
    assert f"newsdesk {name}" in docs_text(), f"`newsdesk {name}` is not documented in docs/"


@pytest.mark.parametrize("name", sorted(signal_names()))
def test_signal_is_documented(name):
    assert f"`{name}`" in docs_text(), f"signal {name} is not documented in docs/"


def test_readme_opens_with_the_two_commands():
    lines = [line for line in (ROOT / "README.md").read_text().splitlines() if line.strip()]
    assert lines[1:5] == ["```", "make demo", "make test", "```"]
