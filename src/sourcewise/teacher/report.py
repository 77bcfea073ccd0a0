"""The class report: what the class got right and wrong, as one HTML page and a PNG per assignment.

Each assignment's picture has three panels:

* the distribution of total scores;
* for each question, how many students earned full, partial or no credit (colours from
  the Okabe-Ito palette *and* hatching, so nothing relies on colour alone);
* the class's confusion matrix of the labels given against the key, pooled over every
  labelled item (from the ``grade_labels`` questions), counts written in each cell.

The page lists every student with score and what needs attention, so no row is only in
the CSV. Plots use :class:`matplotlib.figure.Figure` directly: no global state changes.
"""

from __future__ import annotations

import html
from collections import Counter
from pathlib import Path
from typing import Any

from sourcewise.teacher.course import Course
from sourcewise.teacher.results import SubmissionResult, safe_name

__all__ = ["confusion", "write_report"]

_COLOURS = {"full": "#009E73", "partial": "#E69F00", "none": "#D55E00", "open": "#BBBBBB"}
_HATCHES = {"full": "", "partial": "//", "none": "xx", "open": ".."}
_NAMES = {"full": "full credit", "partial": "partial credit", "none": "no credit", "open": "not scored"}


def confusion(results: list[SubmissionResult]) -> tuple[list[str], list[str], dict[tuple[str, str], int]]:
    """Rows (the key's labels), columns (labels given) and counts, over all labelled items.

    >>> from sourcewise.teacher.results import LabelAnswer
    >>> r = SubmissionResult("a", "x", 1, 2, 1, (), labels=(LabelAnswer("q1", "P1", "denial", "non_confirmation"),))
    >>> confusion([r])
    (['denial'], ['denial', 'non_confirmation'], {('denial', 'non_confirmation'): 1})
    """
    counts: Counter[tuple[str, str]] = Counter((a.expected, a.given) for r in results for a in r.labels)
    rows = sorted({e for e, _ in counts})
    special = [g for g in ("(not a label)", "(no answer)") if any(g == given for _, given in counts)]
    cols = [*rows, *sorted({g for _, g in counts} - set(rows) - set(special)), *special]
    return rows, cols, dict(counts)


def _category(points: float | None, maximum: float) -> str:
    if points is None:
        return "open"
    if points >= maximum - 1e-9:
        return "full"
    return "partial" if points > 0 else "none"


def _figure(assignment: str, results: list[SubmissionResult]) -> Any:
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    questions = [q.grade_id for q in results[0].questions] if results else []
    rows, cols, counts = confusion(results)
    fig = Figure(figsize=(15, 5.2), layout="constrained")
    ax_total, ax_questions, ax_matrix = fig.subplots(1, 3, gridspec_kw={"width_ratios": [1, 1.3, 1.4]})
    fig.suptitle(f"{assignment}: {len(results)} students", fontsize=13)

    scores = [r.score for r in results]
    maximum = max((r.max_score for r in results), default=1.0) or 1.0
    ax_total.hist(scores, bins=min(12, max(3, int(maximum))), range=(0, maximum), color=_COLOURS["full"],
                  edgecolor="black", hatch="//")
    ax_total.set(title="Total scores", xlabel=f"points (of {maximum:g})", ylabel="students")
    ax_total.yaxis.set_major_locator(MaxNLocator(integer=True))  # students come whole

    bottoms = [0] * len(questions)
    for category in ("full", "partial", "none", "open"):
        values = []
        for i, grade_id in enumerate(questions):
            values.append(sum(1 for r in results for q in r.questions
                              if q.grade_id == grade_id and _category(q.points, q.maximum) == category))
        ax_questions.barh(questions, values, left=bottoms, color=_COLOURS[category], hatch=_HATCHES[category],
                          edgecolor="black", label=_NAMES[category])
        bottoms = [b + v for b, v in zip(bottoms, values)]
    ax_questions.invert_yaxis()
    ax_questions.set(title="Credit per question", xlabel="students")
    ax_questions.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax_questions.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncols=4, fontsize=8, frameon=False)

    if rows:
        grid = [[counts.get((r, c), 0) for c in cols] for r in rows]
        ax_matrix.imshow(grid, cmap="Blues", aspect="auto")
        top = max(max(line) for line in grid) or 1
        for i, line in enumerate(grid):
            for j, value in enumerate(line):
                if value:
                    mark = "✓" if rows[i] == cols[j] else ""
                    ax_matrix.text(j, i, f"{value}{mark}", ha="center", va="center",
                                   color="white" if value > top / 2 else "black", fontsize=9)
        ax_matrix.set_xticks(range(len(cols)), [c.replace("_", " ") for c in cols], rotation=35, ha="right", fontsize=8)
        ax_matrix.set_yticks(range(len(rows)), [r.replace("_", " ") for r in rows], fontsize=8)
        ax_matrix.set(title="Labels given (columns) vs the key (rows)", xlabel="given", ylabel="key")
    else:
        ax_matrix.axis("off")
        ax_matrix.text(0.5, 0.5, "no labelling questions", ha="center", va="center")
    return fig


def _table(results: list[SubmissionResult]) -> str:
    questions = [q.grade_id for q in results[0].questions] if results else []
    head = "".join(f"<th>{html.escape(q)}</th>" for q in questions)
    lines = []
    for r in results:
        by_id = {q.grade_id: q for q in r.questions}
        cells = "".join(
            "<td>{}</td>".format("" if (q := by_id.get(g)) is None or q.points is None else f"{q.points:g}")
            for g in questions
        )
        attention = html.escape("; ".join(r.needs_attention))
        flag = ' class="attention"' if r.needs_attention else ""
        lines.append(f"<tr{flag}><td>{html.escape(r.student)}</td><td>{r.score:g} / {r.max_score:g}</td>"
                     f"{cells}<td>{attention}</td></tr>")
    return (f"<table><tr><th>student</th><th>score</th>{head}<th>needs attention</th></tr>"
            + "".join(lines) + "</table>")


def _means(results: list[SubmissionResult]) -> str:
    questions = [(q.grade_id, q.maximum) for q in results[0].questions] if results else []
    parts = []
    for grade_id, maximum in questions:
        points = [q.points for r in results for q in r.questions if q.grade_id == grade_id and q.points is not None]
        if points:
            parts.append(f"<li>{html.escape(grade_id)}: mean {sum(points) / len(points):.2f} of {maximum:g}</li>")
    return "<ul>" + "".join(parts) + "</ul>"


def write_report(out: Path, results: list[SubmissionResult], course: Course | None = None,
                 notes: tuple[str, ...] = ()) -> Path:
    """Write ``class_report.html`` and ``class_report_<assignment>.png`` into ``out``.

    ``notes`` are the run's own lines (what protected student code's run), shown first.
    """
    out.mkdir(parents=True, exist_ok=True)
    by_assignment: dict[str, list[SubmissionResult]] = {}
    for r in results:
        by_assignment.setdefault(r.assignment or "(unknown)", []).append(r)
    sections = []
    for assignment, group in sorted(by_assignment.items()):
        graded = [r for r in group if r.questions]
        image = f"class_report_{safe_name(assignment)}.png"
        if graded:
            fig = _figure(assignment, graded)
            fig.savefig(out / image, dpi=90, metadata={"Software": None})
        attention = sum(1 for r in group if r.needs_attention)
        picture = f'<img src="{html.escape(image)}" alt="score distribution per question and label confusion matrix for {html.escape(assignment)}">' if graded else ""
        sections.append(
            f"<h2>{html.escape(assignment)}</h2><p>{len(group)} students; {attention} need attention.</p>"
            f"{picture}<h3>Mean per question</h3>{_means(graded)}<h3>Students</h3>{_table(group)}"
        )
    page = (
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>sourcewise class report</title>"
        "<style>body{font-family:sans-serif;max-width:1400px;margin:auto}table{border-collapse:collapse}"
        "td,th{border:1px solid #999;padding:2px 6px;text-align:left}tr.attention td{background:#fff3d6}"
        "img{max-width:100%}</style></head><body><h1>Class report</h1>"
        + "".join(f"<p><strong>This run:</strong> {html.escape(note)}</p>" for note in notes)
        + "<p>Rows shaded and a reason given: needs attention (not an honest zero, or something the "
        "notebook tried). Marks: ✓ on the matrix diagonal = right label.</p>"
        + "".join(sections) + "</body></html>\n"
    )
    path = out / "class_report.html"
    path.write_text(page, encoding="utf-8")
    return path
