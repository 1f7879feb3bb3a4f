"""The table: printed, and written between markers in docs/performance.md."""

import re
from pathlib import Path

START = "<!-- bench/serving: generated from here -->"
END = "<!-- bench/serving: generated up to here -->"

SKELETON = f"""# Performance

What Newsdesk serves on one machine, measured side by side with its peers by `make bench`
(`bench/serving/`, described in bench/README.md). The figures are from a shared 2-core machine:
quote the ratios, not the absolute rates.

{START}
{END}

## Where the time goes in the cold render

The profile of a cold story page, and what was cut, is in
[performance-render.md](performance-render.md).
"""


def tables(goals) -> str:
    lines = [
        "| Goal | Setup | req/s | p50 ms | p99 ms | errors |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for goal in goals:
        for row in goal.rows:
            lines.append(
                f"| {goal.number} | {row.setup} | {row.rate:,.1f} | {row.p50:.2f} | "
                f"{row.p99:.2f} | {row.errors} |"
            )
    lines += [
        "",
        "| Goal | What | Measured | Target | Met |",
        "|---|---|---|---|---|",
    ]
    for goal in goals:
        for what, measured, target, met in goal.checks:
            shown = "-" if met is None else "yes" if met else "**no**"
            lines.append(f"| {goal.number} | {what} | {measured} | {target} | {shown} |")
    return "\n".join(lines)


def text(goals, header: list[str], failures: list[str]) -> str:
    parts = [*header, "", tables(goals), ""]
    for goal in goals:
        if goal.notes:
            parts.append(f"- Goal {goal.number}, {goal.title}: " + " ".join(goal.notes))
    if failures:
        parts += ["", "Goals that could not be measured in this run:", ""]
        parts += [f"- {failure}" for failure in failures]
    missed = [
        f"- Goal {goal.number}: {what}: {measured} (target {target})."
        for goal in goals
        for what, measured, target, met in goal.checks
        if met is False
    ]
    if missed:
        parts += ["", "Not met in this run (reasons and next steps: below the table):", "", *missed]
    return "\n".join(parts)


def write_docs(path: Path, body: str) -> None:
    current = path.read_text() if path.exists() else SKELETON
    if START not in current:
        current = current.rstrip() + f"\n\n{START}\n{END}\n"
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)
    path.write_text(pattern.sub(lambda _m: f"{START}\n{body}\n{END}", current))
