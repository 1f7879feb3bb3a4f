"""`newsdesk train_scorer`: train the abuse model and write it with its model card."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from newsdesk.moderation.abuse_model.features import FeatureSpec
from newsdesk.moderation.abuse_model.model import BUILTIN_MODEL
from newsdesk.moderation.abuse_model.training import (
    SHARED_SETS,
    TrainingDataError,
    read_labelled_csv,
    read_shared_sets,
    split_rows,
)

DEFAULT_DATA = Path("../shared/data/moderation")


class Command(BaseCommand):
    help = (
        "Train the abuse model from labelled comments (the shared English and Russian sets, a "
        "site's own moderation decisions, CSV files), measure it on a dev split it never "
        "trained on, and write the model file and its model card."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--data",
            default=str(DEFAULT_DATA),
            help="Folder of the shared sets (en-jigsaw/, ru-2ch-pikabu/ with train.csv and "
            "dev.csv); 'none' to train without them.",
        )
        parser.add_argument(
            "--extra",
            action="append",
            default=[],
            metavar="CSV",
            help="More labelled comments (text, label[, language, threat]); 10%% kept for dev.",
        )
        parser.add_argument(
            "--site-history",
            action="store_true",
            help="Add this site's moderators' decisions: approved (0) and rejected (1) comments.",
        )
        parser.add_argument(
            "--out",
            default=str(BUILTIN_MODEL),
            help="Where to write the model (default: the model shipped in the package). The "
            "card goes beside it (.md).",
        )
        parser.add_argument("--bits", type=int, default=FeatureSpec.bits, help="2**bits buckets.")
        parser.add_argument("--strength", type=float, default=4.0, help="C of the abuse model.")
        parser.add_argument(
            "--smoothing",
            type=float,
            default=1.0,
            help="Naive Bayes smoothing of the abuse model: added to each bucket's sums on both "
            "sides before their log ratio scales the features; smaller trusts rare n-grams more.",
        )
        parser.add_argument(
            "--word-weight",
            type=float,
            default=FeatureSpec.word_weight,
            help="Weight of the words and word pairs beside the character n-grams (each block "
            "has unit length before it).",
        )

    def handle(
        self,
        *args,
        data,
        extra,
        site_history,
        out,
        bits,
        strength,
        smoothing,
        word_weight,
        **options,
    ):
        try:
            import sklearn  # noqa: F401

            from newsdesk.moderation.abuse_model.training import train_model
        except ImportError as error:
            raise CommandError(
                "Training needs scikit-learn and scipy: pip install 'newsdesk[train]'."
            ) from error
        from newsdesk.moderation.abuse_model.card import model_card

        if not 10 <= bits <= 22:
            raise CommandError("--bits must be between 10 and 22.")
        if not 0 < smoothing <= 100:
            raise CommandError("--smoothing must be above 0 and at most 100.")
        if not 0 < word_weight <= 10:
            raise CommandError("--word-weight must be above 0 and at most 10.")
        train, dev, sources = [], [], []
        try:
            if data != "none":
                root = Path(data)
                if not any((root / folder / "train.csv").exists() for folder, _ in SHARED_SETS):
                    raise CommandError(
                        f"{root} holds none of {', '.join(f for f, _ in SHARED_SETS)} "
                        "(give --data, or --data none with --extra or --site-history)."
                    )
                train += read_shared_sets(root, "train")
                dev += read_shared_sets(root, "dev")
                sources += [
                    f"{folder} ({language}): {root / folder}/train.csv, dev.csv"
                    for folder, language in SHARED_SETS
                    if (root / folder / "train.csv").exists()
                ]
            for path in extra:
                part_train, part_dev = split_rows(read_labelled_csv(path))
                train += part_train
                dev += part_dev
                sources.append(f"{path} ({len(part_train)} train, {len(part_dev)} dev)")
        except TrainingDataError as error:
            raise CommandError(str(error)) from error
        if site_history:
            from newsdesk.moderation.site_history import moderated_comments

            history = moderated_comments()
            part_train, part_dev = split_rows(history)
            train += part_train
            dev += part_dev
            sources.append(
                f"this site's moderation: {len(history)} comments decided by a moderator "
                f"({sum(row.label for row in history)} rejected)"
            )
        if len({row.label for row in train}) < 2:
            raise CommandError("The training data needs both abusive (1) and acceptable (0) rows.")
        if not dev:
            raise CommandError("No dev rows to measure on: give a set with a dev split.")
        spec = FeatureSpec(bits=bits, word_weight=word_weight)
        self.stdout.write(f"Training on {len(train):,} comments, measuring on {len(dev):,}...")
        model = train_model(
            train, dev, spec, strength=strength, smoothing=smoothing, sources=sources
        )
        path = Path(out)
        model.save(path)
        card = path.with_suffix(".md")
        card.write_text(model_card(model, path, "newsdesk train_scorer " + self._options_text()))
        for language, figures in sorted(model.meta["dev_figures"].items()):
            self.stdout.write(
                f"dev {language or '?'}: {figures['abusive_held']:.2%} of abusive held, "
                f"{figures['acceptable_held']:.2%} of acceptable, from {figures['threshold']:.4f}"
            )
        self.stdout.write(f"Wrote {path} ({path.stat().st_size:,} bytes) and {card}")

    def _options_text(self) -> str:
        import sys

        argv = sys.argv[sys.argv.index("train_scorer") + 1 :] if "train_scorer" in sys.argv else []
        return " ".join(argv)
