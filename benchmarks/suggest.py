"""The label suggester: agreement with the annotation by label and language (held-out and
tuning news of the development set, tests/data/devset/, and the course article), and
throughput on about 1 MB of German and of English news-like text.

A suggestion agrees with a unit when the annotation gives it full points: the label or one of
the unit's accepted alternatives (every kind of official response counts as
``official_response``; the second table asks for the right kind too). Throughput is UTF-8
megabytes (10**6 bytes) per second, best of 3 runs.

    .venv/bin/python benchmarks/suggest.py               # figures
    .venv/bin/python benchmarks/suggest.py --mistakes    # and the tuning part's disagreements
"""

from __future__ import annotations

import sys
import time
from functools import reduce
from pathlib import Path

from sourcewise.article import load_article
from sourcewise.suggest import suggest_labels
from sourcewise.suggest.evaluation import LabelReport, compare_labels

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))
sys.path.insert(0, str(HERE))
from detector import english_text, german_text  # noqa: E402
from devset import HELDOUT, load_devset  # noqa: E402

RUNS = 3


def report(split: str, lang: str, level: str = "label") -> LabelReport:
    texts = load_devset(split=split, language=lang)
    return reduce(LabelReport.__add__, (compare_labels(t.article(), level=level) for t in texts), LabelReport((), level))


def throughput(text: str, lang: str) -> tuple[float, int]:
    """Best-of-RUNS megabytes per second, and the number of sentences."""
    suggest_labels("warm up: the rules are read on first use", lang)
    megabytes = len(text.encode("utf-8")) / 1e6
    best, count = float("inf"), 0
    for _ in range(RUNS):
        start = time.perf_counter()
        count = len(suggest_labels(text, lang))
        best = min(best, time.perf_counter() - start)
    return megabytes / best, count


def main() -> None:
    for level in ("label", "response"):
        print(f"Agreement at the level of the {level} "
              f"({'any kind of official response counts' if level == 'label' else 'the kind must agree'}):")
        for split, name in ((HELDOUT, f"held-out news ({HELDOUT}: never read while writing rules)"), ("tuning", "tuning news")):
            for lang in ("de", "en"):
                print()
                print(report(split, lang, level).table(f"{name}, {lang}"))
        print()
        print(compare_labels(load_article(), level=level).table("the course article (WELT, German)"))
        print()
    for lang, text in (("de", german_text()), ("en", english_text())):
        speed, sentences = throughput(text, lang)
        print(f"throughput {lang}: {speed:.2f} MB/s ({sentences} sentences in {len(text.encode('utf-8')) / 1e6:.2f} MB)")
    if "--mistakes" in sys.argv:
        print()
        print("Disagreements on the tuning part (the held-out part is never listed):")
        for text in load_devset(split="tuning"):
            for d in compare_labels(text.article()).differences:
                print(f"  {text.id} {d.unit_id}: expected {d.expected} (accepted {', '.join(d.accepted)}), "
                      f"suggested {d.suggested} by {d.rule}: {d.text[:80]!r}")


if __name__ == "__main__":
    main()
