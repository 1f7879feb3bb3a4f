"""What an import did, counted as it goes and printed as one table at the end."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Report:
    """Counts per kind of item (post, comment, photo, redirect) and outcome, and why each skip.

    Outcomes are words an operator reads: "added", "updated", "unchanged", "held", "rejected",
    "skipped", "missing". A skip keeps one line saying which item and why, so nothing is lost
    silently.
    """

    dry_run: bool = False
    counts: Counter = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)

    def count(self, kind: str, outcome: str, n: int = 1) -> None:
        self.counts[(kind, outcome)] += n

    def skip(self, kind: str, item: str, reason: str) -> None:
        """Count an item left out and say why (a private post, a malformed comment, ...)."""
        self.count(kind, "skipped")
        self.notes.append(f"{kind} {item}: {reason}")

    def total(self, kind: str, outcome: str | None = None) -> int:
        return sum(n for (k, o), n in self.counts.items() if k == kind and outcome in (None, o))

    def table(self) -> str:
        """The summary: a row per kind, a column per outcome, then the reason for every skip."""
        kinds = sorted({k for k, _ in self.counts})
        outcomes = sorted({o for _, o in self.counts})
        if not kinds:
            return "Nothing to import."
        header = ["", *outcomes]
        rows = [[kind, *(str(self.counts.get((kind, o), 0)) for o in outcomes)] for kind in kinds]
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
        lines = [
            "  ".join(
                cell.rjust(w) if i else cell.ljust(w)
                for i, (cell, w) in enumerate(zip(row, widths, strict=True))
            )
            for row in [header, *rows]
        ]
        if self.dry_run:
            lines.insert(0, "Dry run: nothing was stored. This is what the import would do.")
        if self.notes:
            lines.append("")
            lines.append("Left out:")
            lines.extend(f"  {note}" for note in self.notes)
        return "\n".join(lines)
