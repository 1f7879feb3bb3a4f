"""Reader stylesheets use logical properties, so one stylesheet serves left-to-right and
right-to-left editions. Physical left/right coming back fails here."""

import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "newsdesk"
STYLESHEETS = sorted(
    path for path in PACKAGE.rglob("static/**/*.css") if "wagtailadmin" not in path.parts
)

PHYSICAL_PROPERTY = re.compile(
    r"(?<![\w-])(left|right|(?:margin|padding|border|inset|scroll-margin|scroll-padding)-(?:left|right)"
    r"|border-(?:top|bottom)-(?:left|right)-radius|border-(?:left|right)-\w+)\s*:"
)
PHYSICAL_VALUE = re.compile(
    r"(?<![\w-])(float|clear|text-align|text-align-last|caption-side|resize)\s*:\s*(left|right)\b"
)
FOUR_SIDE_SHORTHAND = re.compile(
    r"(?<![\w-])(margin|padding|border-width|border-style|border-color|inset|scroll-margin|scroll-padding)"
    r"\s*:\s*([^;}]+)"
)


def declarations(path: Path) -> str:
    return re.sub(r"/\*.*?\*/", "", path.read_text(), flags=re.DOTALL)


def physical_declarations(css: str) -> list[str]:
    found = [match.group(0) for match in PHYSICAL_PROPERTY.finditer(css)]
    found += [match.group(0) for match in PHYSICAL_VALUE.finditer(css)]
    for match in FOUR_SIDE_SHORTHAND.finditer(css):
        values = match.group(2).replace("!important", "").split()
        # "a b c d": the right (b) and left (d) sides differ, so they would not mirror.
        if len(values) == 4 and values[1] != values[3]:
            found.append(match.group(0).strip())
    return found


def test_there_are_reader_stylesheets_to_check():
    assert PACKAGE / "static" / "newsdesk" / "site.css" in STYLESHEETS


@pytest.mark.parametrize("path", STYLESHEETS, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_reader_css_has_no_physical_left_or_right(path):
    assert physical_declarations(declarations(path)) == []


@pytest.mark.parametrize(
    "css",
    [
        ".a { margin-left: 1rem; }",
        ".a { left: 0; }",
        ".a { border-right: 1px solid; }",
        ".a { text-align: right; }",
        ".a { float: left; }",
        ".a { padding: 0 1rem 0 2rem; }",
        ".a { border-top-left-radius: 2px; }",
    ],
)
def test_the_check_catches_physical_declarations(css):
    assert physical_declarations(css) != []


@pytest.mark.parametrize(
    "css",
    [
        ".a { margin-inline-start: 1rem; }",
        ".a { inset-inline-start: 0; }",
        ".a { text-align: start; }",
        ".a { padding: 0 1rem; }",
        ".a { padding: 1rem 2rem 0 2rem; }",
        ".a { scroll-behavior: auto; }",
    ],
)
def test_the_check_lets_logical_declarations_pass(css):
    assert physical_declarations(css) == []
