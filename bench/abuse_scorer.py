#!/usr/bin/env python
"""Time and memory of the abuse scorer on 1,500-character comments.

    .venv/bin/python bench/abuse_scorer.py [--comments 2000] [--model FILE] [--without-scan]

Issue 10's goals: scoring a 1,500-character comment (the comment form's limit) takes under 2 ms
at p99, and the model adds under 50 MB to a worker. This script runs in a fresh process with
Django set up as a worker is, reads its resident memory (VmRSS) before the scorer is imported,
after the model is loaded and after scoring, then scores --comments comments of exactly 1,500
characters with the whole local scorer (patterns and model) and prints the median, p95 and p99.

The comments are made from the project's own sentences, in English, in Russian and mixed (a third
each, reported apart), with look-alike letters and spelt-out words so every reading rule runs.
run it when the load is low and read the figures with `uptime` beside them. Each line also gives
the process's CPU time per comment (time.process_time): on a busy machine the wall-clock p95
and p99 are mostly the time the process waited for a core, which the CPU time leaves out.

--without-scan adds a third timing per comment, taken in turn with the others: the whole scorer
with every pattern read, as before the scan for the words a pattern needs
(newsdesk.moderation.matching.required_factors) let it skip the patterns that cannot match.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ENGLISH = [
    "The council voted to close the bridge for repairs until the spring.",
    "Residents say the new bus timetable leaves villages without a service after six.",
    "Thank you for covering the floods, my street was under water for two days.",
    "You are an idiot and everyone here knows it.",
    "I will find you and k.i.l.l you.",
    "Prices at the market went up 12% since March, according to the bureau.",
]
RUSSIAN = [
    "Власти пообещали отремонтировать мост до весны, но никто не верит.",
    "Спасибо за статью, очень подробно и по делу.",
    "Ты тупой урод, тебе здесь не место.",
    "Я тeбя найду, понял?",
    "Цены на рынке выросли на 12% с марта, по данным бюро.",
]
SENTENCES = {"English": ENGLISH, "Russian": RUSSIAN, "mixed": ENGLISH + RUSSIAN}


def comment(rng: random.Random, sentences: list[str], length: int = 1500) -> str:
    parts = []
    while sum(len(p) + 1 for p in parts) < length:
        parts.append(rng.choice(sentences))
    return " ".join(parts)[:length]


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--comments", type=int, default=2000)
    parser.add_argument("--model", default="")
    parser.add_argument(
        "--without-scan",
        action="store_true",
        help="also time the scorer reading every pattern (no scan for the words each needs)",
    )
    args = parser.parse_args()

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.config.settings.test")
    import django

    django.setup()
    before = rss_mb()
    from newsdesk.moderation import scorers
    from newsdesk.moderation.abuse_model import AbuseModel, load_model
    from newsdesk.moderation.scorers import ModelScorer

    started = time.perf_counter()
    model = AbuseModel.load(args.model) if args.model else load_model()
    load_ms = (time.perf_counter() - started) * 1000
    scorer = ModelScorer(model=model, threshold_rows=(), threat_rules=())
    loaded = rss_mb()

    rng = random.Random(0)
    texts = [
        (kind, comment(rng, sentences))
        for _ in range(args.comments // len(SENTENCES))
        for kind, sentences in SENTENCES.items()
    ]
    for _kind, text in texts[:60]:  # warm the regular expressions and caches
        scorer.score(text, "en")
    timings: dict[str, list[float]] = {}
    cpu_timings: dict[str, list[float]] = {}

    def timed(name: str, score, *score_args) -> None:
        started, cpu_started = time.perf_counter(), time.process_time()
        score(*score_args)
        cpu = time.process_time() - cpu_started
        timings.setdefault(name, []).append((time.perf_counter() - started) * 1000)
        cpu_timings.setdefault(name, []).append(cpu * 1000)

    for kind, text in texts:  # interleaved, so a busy moment slows every kind alike
        timed(f"{kind}, patterns and model", scorer.score, text, "en")
        timed(f"{kind}, model alone", model.score, text)
        if args.without_scan:
            with_scan = scorers.any_factor_in
            scorers.any_factor_in = lambda factors, squeezed_text: True
            timed(f"{kind}, patterns and model, every pattern read", scorer.score, text, "en")
            scorers.any_factor_in = with_scan
    after = rss_mb()
    print(f"model {model.version}: loaded in {load_ms:.0f} ms")
    for name, times in timings.items():
        times.sort()
        cpu = sorted(cpu_timings[name])
        p = lambda q, t=times: t[min(len(t) - 1, int(q * len(t)))]  # noqa: E731
        print(
            f"{len(times)} comments of 1,500 characters, {name}: median "
            f"{statistics.median(times):.3f} ms, p95 {p(0.95):.3f} ms, p99 {p(0.99):.3f} ms "
            f"(CPU time: median {statistics.median(cpu):.3f} ms, p99 {p(0.99, cpu):.3f} ms)"
        )
    print(
        f"resident memory: {before:.1f} MB before the scorer, {loaded:.1f} MB with the model "
        f"loaded (+{loaded - before:.1f} MB), {after:.1f} MB after scoring "
        f"(+{after - before:.1f} MB)"
    )
    print(f"load average: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
