"""`newsdesk evaluate_scorer FILE.csv`: how the scorer does on labelled comments."""

import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from newsdesk.moderation.abuse_model import AbuseModel
from newsdesk.moderation.abuse_model.evaluation import Figures, evaluate
from newsdesk.moderation.abuse_model.training import TrainingDataError, read_labelled_csv
from newsdesk.moderation.models import ScorerThreshold
from newsdesk.moderation.scorers import ModelScorer
from newsdesk.moderation.verdicts import Action


def _line(name: str, figures: Figures) -> str:
    return (
        f"{name:<10} {figures.rows:>7} {figures.abusive:>8} {figures.abusive_held:>13.1%} "
        f"{figures.acceptable_held:>16.1%} {figures.precision:>10.1%} {figures.recall:>7.1%}"
    )


HEADER = (
    f"{'':<10} {'rows':>7} {'abusive':>8} {'abusive held':>13} {'acceptable held':>16} "
    f"{'precision':>10} {'recall':>7}"
)


class Command(BaseCommand):
    help = (
        "Score a CSV of labelled comments (columns text, label: 1 abusive, 0 acceptable; "
        "optional language) with the abuse scorer and print held rates, precision, recall, a "
        "threshold sweep and the time per comment."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV file with text and label columns.")
        parser.add_argument(
            "--language", default="en", help="Language of rows without one (default en)."
        )
        parser.add_argument(
            "--model", default="", help="A model file (default: NEWSDESK_MODERATION_MODEL)."
        )
        parser.add_argument(
            "--site", type=int, default=None, help="Use this site's thresholds from the admin."
        )
        parser.add_argument(
            "--threshold",
            type=float,
            default=None,
            help="Hold from this abuse score in every language, instead of the configured ones.",
        )
        parser.add_argument(
            "--scores", metavar="OUT", default="", help="Write each row's scores and verdict here."
        )
        parser.add_argument(
            "--limit", type=int, default=0, help="Score only the first N rows (0: all)."
        )

    def handle(self, *args, file, language, model, site, threshold, scores, limit, **options):
        if threshold is not None and not 0 <= threshold <= 1:
            raise CommandError("--threshold must be between 0 and 1.")
        try:
            rows = read_labelled_csv(file, language)
        except TrainingDataError as error:
            raise CommandError(str(error)) from error
        if limit:
            rows = rows[:limit]
        if not rows:
            raise CommandError(f"{file} has no rows to score.")
        try:
            loaded = AbuseModel.load(model) if model else None
        except ValueError as error:
            raise CommandError(str(error)) from error
        threshold_rows = list(ScorerThreshold.objects.for_site(site)) if site else []
        if threshold is not None:
            threshold_rows = [
                ScorerThreshold(site=None, language="", abuse_hold=threshold, threat_hold=None)
            ]
        scorer = ModelScorer(model=loaded, threshold_rows=threshold_rows, site_id=site)
        report = evaluate(scorer, rows)
        out = self.stdout.write
        out(f"Model {scorer.model.version}, {len(rows)} rows from {file}")
        out("")
        out("As configured (patterns, and the model's thresholds):")
        out(HEADER)
        for name, figures in report.by_language.items():
            limits = scorer.thresholds("", name)
            out(_line(name or "?", figures) + f"   holds from {limits.abuse:.2f}")
        if len(report.by_language) > 1:
            out(_line("all", report.overall))
        for name, sweep in report.sweep.items():
            out("")
            out(f"Threshold sweep, {name or '?'} (abuse score; patterns and threat as configured):")
            out(HEADER.replace("          ", "threshold "))
            for value, figures in sweep:
                out(_line(f"{value:.2f}", figures))
            chosen, figures = report.at_five_percent[name]
            out(_line(f"{chosen:.4f}", figures) + "   <- at most 5% of acceptable held")
        out("")
        out(
            f"Time per comment (patterns and model): median {report.median_ms:.3f} ms, "
            f"p99 {report.p99_ms:.3f} ms"
        )
        if scores:
            self._write_scores(Path(scores), report)
            out(f"Scores written to {scores}")

    def _write_scores(self, path: Path, report) -> None:
        try:
            with open(path, "w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(["text", "language", "label", "abuse", "threat", "verdict"])
                for row in report.scored:
                    writer.writerow(
                        [
                            row.row.text,
                            row.language,
                            row.row.label,
                            f"{row.abuse:.4f}",
                            f"{row.threat:.4f}",
                            Action(row.action).name.lower(),
                        ]
                    )
        except OSError as error:
            raise CommandError(f"Cannot write {path}: {error.strerror or error}.") from error
