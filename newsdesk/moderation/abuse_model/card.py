"""The model card: what a model was trained on, how big it is, and what it measured on dev."""

from pathlib import Path

from newsdesk.moderation.abuse_model.model import AbuseModel

#: What the shared sets' README says of their licences.
LICENCES = {
    "en-jigsaw": "Jigsaw labels CC0; the comment text is Wikipedia's, CC BY-SA 3.0.",
    "ru-2ch-pikabu": "not stated by any copy found; unverified. Confirm it before relying on a "
    "model trained on it.",
}


def _percent(value: float) -> str:
    return f"{100 * value:.2f}%"


def model_card(model: AbuseModel, model_path: Path, command: str) -> str:
    """The Markdown model card for `model`, saved at `model_path`."""
    meta = model.meta
    spec = model.spec
    lines = [
        f"# Abuse model {model.version}",
        "",
        f"Trained {meta.get('trained_at', '?')} by `{command}` "
        f"in {meta.get('training_seconds', '?')} s.",
        "",
        "## What it is",
        "",
        "Two logistic regressions (abuse: insult, obscenity, hate, any toxicity; threat of "
        "violence) over hashed, TF-IDF weighted character n-grams "
        f"(lengths {', '.join(map(str, spec.char_sizes))}) and words and word pairs, "
        f"{spec.buckets:,} buckets, words weighted {spec.word_weight} beside the characters, "
        "read after `newsdesk.moderation.matching.normalise` "
        "(case, accents, spelt-out letters, look-alike digits and letters of the other alphabet). "
        f"Regularisation C = {meta.get('strength')} (abuse), {meta.get('threat_strength')} "
        "(threat, class-balanced, on rows with a threat label only)"
        + (
            "; features scaled by naive Bayes log-count ratios (NB-LR, smoothing "
            f"{meta.get('smoothing', 1.0)} for abuse, 1.0 for threat)."
            if meta.get("naive_bayes")
            else "."
        ),
        "",
        f"File: `{model_path.name}`, {model_path.stat().st_size:,} bytes (abuse weights in "
        "float16, threat weights and idf in one byte each). Scoring needs numpy only.",
        "",
        "## Data",
        "",
        "| part | language | rows | abusive | threat |",
        "|---|---|---|---|---|",
    ]
    for part in ("train", "dev"):
        for language, counts in sorted(meta.get(part, {}).items()):
            lines.append(
                f"| {part} | {language} | {counts['rows']:,} | {counts['abusive']:,} | "
                f"{counts['threat']:,} |"
            )
    lines += ["", "Sources:", ""]
    lines += [f"- {source}" for source in meta.get("sources", [])] or ["- (none named)"]
    licences = [
        f"- {folder}: {licence}"
        for folder, licence in LICENCES.items()
        if any(source.startswith(folder) for source in meta.get("sources", []))
    ]
    if licences:
        lines += ["", "Licences of the shared sets (see their README):", "", *licences]
    lines += [
        "",
        "## Figures on the dev split",
        "",
        "The dev rows were never trained on; the recommended hold threshold per language is "
        "chosen on them (the lowest that holds at most 5% of acceptable dev comments), so these "
        "figures are tuned on dev. Figures on sets the model never saw are in "
        "docs/apps/moderation.md.",
        "",
        "| language | rows | abusive | holds from | abusive held | acceptable held |",
        "|---|---|---|---|---|---|",
    ]
    for language, figures in sorted(meta.get("dev_figures", {}).items()):
        lines.append(
            f"| {language} | {figures['rows']:,} | {figures['abusive']:,} | "
            f"{figures['threshold']:.4f} | {_percent(figures['abusive_held'])} | "
            f"{_percent(figures['acceptable_held'])} |"
        )
    threat = meta.get("threat_dev")
    if threat:
        lines += [
            "",
            f"Threat (rows with a threat label): holds from {threat['threshold']:.4f}; "
            f"{_percent(threat['threat_held'])} of {threat['threats']} threats held, "
            f"{_percent(threat['others_held'])} of other comments.",
        ]
    lines.append("")
    return "\n".join(lines)
