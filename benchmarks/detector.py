"""The cue detector: throughput on about 1 MB of German and of English news-like text, and its
precision, recall and F1 on the development set (held-out and tuning news, tests/data/devset/)
and on the course article, by category and by language. The held-out part (heldout-3) is
measured once, after tuning has stopped: until then only its aggregate figures are printed, by
language; its single cues are never listed.

The German text is the article's raw text alternated with ordinary news sentences (fewer cues
per line than the article has), with names and numbers varied so that no two paragraphs
are the same. Throughput is UTF-8 megabytes (10**6 bytes) per second, best of 3 runs.
Target: well above 1 MB/s (aim: 5+).

    .venv/bin/python benchmarks/detector.py              # figures
    .venv/bin/python benchmarks/detector.py --mistakes   # and what it got wrong on the tuning part
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from sourcewise.article import load_article
from sourcewise.cues import find_cues

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from devset import HELDOUT, HELDOUT_MEASURED, from_article, load_devset, mistakes, score_detector  # noqa: E402

RUNS = 3
TARGET_BYTES = 1_000_000

GERMAN = (
    "Die Stadt {city} plant für das Jahr {year} einen neuen Haushalt von {n} Millionen Euro.",
    "Bürgermeisterin {name} sagte am Montag, die Finanzen seien solide.",
    "Nach Angaben der Verwaltung sollen {n} neue Stellen entstehen.",
    "Die Opposition kritisierte den Plan als „Luftschloss“ und forderte eine Prüfung.",
    "Ein Sprecher des Landes wollte sich dazu nicht äußern.",
    "Die Arbeiten an der Brücke beginnen im {month} und dauern etwa {n} Wochen.",
    "Laut Polizei wurde bei dem Unfall auf der B{n} niemand schwer verletzt.",
    "Der Verkehr wurde über {city} umgeleitet, es kam zu langen Staus.",
    "Die Mannschaft gewann am Samstag mit 2:1 gegen den Tabellenführer.",
    "Trainer {name} erklärte nach dem Spiel, das Team habe Charakter gezeigt.",
    "Im Sommer war es in der Innenstadt oft sehr laut.",
    "Ich habe das nicht erwartet, meinte ein Zuschauer.",
    "Der Verein dementierte Berichte über einen Trainerwechsel.",
    "Dem Vernehmen nach könnte der Vertrag schon im {month} verlängert werden.",
    "Die Preise für Strom sind im Vergleich zum Vorjahr um {n} Prozent gestiegen.",
    "Aus Unternehmenskreisen hieß es, eine Entscheidung falle wohl erst im Herbst.",
)
NAMES = ("Weber", "Schulz", "Becker", "Hoffmann", "Koch", "Richter", "Klein", "Wolf")
CITIES = ("Kassel", "Erfurt", "Trier", "Rostock", "Ulm", "Passau", "Kiel", "Jena")
MONTHS = ("März", "April", "Mai", "Juni", "Juli", "August")


def german_text(target_bytes: int = TARGET_BYTES) -> str:
    """About ``target_bytes`` of German news-like text: the article, then varied sentences."""
    raw = load_article().raw
    paragraphs: list[str] = []
    size, i = 0, 0
    while size < target_bytes:
        if i % 3 == 0:
            paragraph = raw
        else:
            lines = [
                GERMAN[(i + k) % len(GERMAN)].format(
                    city=CITIES[(i + k) % len(CITIES)],
                    name=NAMES[(i * 3 + k) % len(NAMES)],
                    month=MONTHS[(i + 2 * k) % len(MONTHS)],
                    year=2000 + (i + k) % 30,
                    n=(i * 7 + k * 13) % 97 + 2,
                )
                for k in range(12)
            ]
            paragraph = " ".join(lines)
        paragraphs.append(paragraph)
        size += len(paragraph.encode("utf-8")) + 2
        i += 1
    return "\n\n".join(paragraphs)


def throughput(text: str, lang: str) -> tuple[float, float, int]:
    """Best-of-RUNS megabytes per second (wall clock, CPU time), and the number of cues found."""
    find_cues("warm up: the rules are compiled on first use", lang=lang)
    megabytes = len(text.encode("utf-8")) / 1e6
    wall = cpu = float("inf")
    count = 0
    for _ in range(RUNS):
        start, start_cpu = time.perf_counter(), time.process_time()
        count = len(find_cues(text, lang=lang))
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    return megabytes / wall, megabytes / cpu, count


def english_text(target_bytes: int = TARGET_BYTES) -> str:
    sentences = (
        "The city council of {city} approved a budget of {n} million dollars on Monday.",
        'Mayor {name} said the plan was "balanced and fair".',
        "According to the finance office, {n} new jobs may be created.",
        "Critics called the plan unrealistic, and a spokesperson declined to comment.",
        "The bridge will be closed for {n} weeks from {month}.",
        "People familiar with the matter said a decision was expected soon.",
        "The team won 2-1 on Saturday in front of {n},000 fans.",
        "The club denied reports that the coach would leave.",
    )
    out: list[str] = []
    size, i = 0, 0
    while size < target_bytes:
        line = sentences[i % len(sentences)].format(
            city=CITIES[i % len(CITIES)], name=NAMES[(3 * i) % len(NAMES)],
            month=("March", "April", "May", "June")[i % 4], n=(7 * i) % 97 + 2,
        )
        out.append(line)
        size += len(line) + 1
        i += 1
    return " ".join(out)


def quality(show_mistakes: bool) -> None:
    """Precision, recall and F1 on the development set (held-out, tuning) and on the article."""
    heldout = load_devset(split=HELDOUT)
    parts = [
        ("tuning news", load_devset(split="tuning")),
        ("the course article (WELT, German)", (from_article(load_article()),)),
    ]
    print("Scores: a hit counts when it overlaps a gold cue (each used once); per category it must")
    print("also have that category. 'overall' ignores the category.")
    if HELDOUT_MEASURED:
        parts.insert(0, (f"held-out news ({HELDOUT}, measured once after tuning)", heldout))
    else:
        print()
        print(f"held-out news ({HELDOUT}), aggregate figures only until tuning stops:")
        for lang in ("de", "en"):
            print(score_detector(t for t in heldout if t.language == lang).summary(f"  {lang}"))
        print(score_detector(heldout).summary("  all"))
    for name, texts in parts:
        languages = sorted({t.language for t in texts})
        for lang in (languages if len(languages) == 1 else [*languages, "all"]):
            chosen = [t for t in texts if lang in ("all", t.language)]
            print()
            print(score_detector(chosen).table(f"{name}, {lang} ({len(chosen)} texts)"))
    if show_mistakes:
        print()
        print("Mistakes on the tuning part (the held-out part is never listed):")
        for text in load_devset(split="tuning"):
            wrong, missed = mistakes(text)
            for cue in wrong:
                print(f"  {text.id}: found {cue.category} {cue.text!r} ({cue.rule})")
            for span in missed:
                print(f"  {text.id}: missed {span.kind} {span.text!r}")


def main() -> None:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"find_cues throughput, best of {RUNS} runs (Python {sys.version.split()[0]}, "
          f"{os.cpu_count()} CPUs, load average {load:.1f}):")
    for name, lang, text in (("German news-like text", "de", german_text()),
                             ("English news-like text", "en", english_text())):
        wall, cpu, count = throughput(text, lang)
        size = len(text.encode("utf-8")) / 1e6
        print(f"  {name:<23} {size:.2f} MB, {count:5d} cues: {wall:5.1f} MB/s wall clock, "
              f"{cpu:5.1f} MB/s CPU time")
    print()
    quality(show_mistakes="--mistakes" in sys.argv[1:])


if __name__ == "__main__":
    main()
