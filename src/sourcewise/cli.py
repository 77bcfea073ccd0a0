"""The ``sourcewise`` command: the teacher's tools.

Usage::

    sourcewise grade SUBMISSIONS [--course-dir .] [--out grading] [--workers N]
                                 [--assignment NAME] [--timeout SECONDS]
                                 [--sandbox auto|required|off]
    sourcewise student-copy DIR [--course-dir .] [--force]
    sourcewise new-article TEXT --lang de|en -o ANNOTATION.yaml [--title T] [--publisher P] [--force]

Bad input (no such folder, an empty one, an unknown assignment, a zip that is not one,
``--sandbox required`` where no sandbox can be made) gets one sentence on stderr and exit
status 2, never a traceback. ``grade`` says in one line, before it runs any student code
and again at the end, whether student code runs in a sandbox.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from sourcewise.errors import SourcewiseError

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sourcewise", description="The sourcewise course's teacher tools.")
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="COMMAND")

    grade = verbs.add_parser(
        "grade", help="autograde a class's notebooks: grades.csv, feedback and a class report",
        description="Autograde a class's notebooks with nbgrader, in parallel, each notebook alone "
                    "in a sandbox; score the answers against the keys outside the notebooks; write "
                    "grades.csv, per-student feedback and a class report.")
    grade.add_argument("submissions", metavar="SUBMISSIONS",
                       help="a folder (alice.ipynb, alice/<notebook>.ipynb, or nbgrader's "
                            "submitted/<student>/<assignment>/) or an LMS zip (Canvas, Moodle)")
    grade.add_argument("--course-dir", default=".", help="the course root, with nbgrader_config.py (default: .)")
    grade.add_argument("--out", default="grading", help="output folder (default: grading)")
    grade.add_argument("--workers", type=int, default=None, help="parallel workers (default: CPUs + 2)")
    grade.add_argument("--assignment", default=None, help="grade only this assignment")
    grade.add_argument("--timeout", type=int, default=None, help="seconds per cell (default: the course's)")
    grade.add_argument("--sandbox", choices=("auto", "required", "off"), default="auto",
                       help="run student code in a bubblewrap sandbox: auto (if it works here), "
                            "required (refuse to grade without), off (default: auto)")

    copy = verbs.add_parser(
        "student-copy", help="write the course without solutions/ and hidden tests, for students' Binder",
        description="Write a copy of the course without solutions/ or hidden tests, to push as "
                    "the repository students' Binder link launches from.")
    copy.add_argument("target", metavar="DIR", help="an empty folder (created if missing)")
    copy.add_argument("--course-dir", default=".", help="the course root (default: .)")
    copy.add_argument("--force", action="store_true", help="replace what is in DIR (its .git is kept)")

    new = verbs.add_parser(
        "new-article", help="draft an annotation file for a new article, to review before teaching with it",
        description="Copy a plain text beside a new annotation file and draft the annotation: units, suggested "
                    "labels and response kinds, sources, cues, hedges and the rule steps as each unit's why. "
                    "The draft says 'status: draft'; load_article() accepts it once a person has reviewed "
                    "every unit and changed that to 'status: reviewed'.")
    new.add_argument("text", metavar="TEXT", help="the article as a UTF-8 plain text file")
    new.add_argument("--lang", required=True, help="the language of the text: de or en")
    new.add_argument("-o", "--out", required=True, help="the annotation file to write (.yaml); the text is "
                                                        "copied beside it as .txt")
    new.add_argument("--title", default="", help="the article's title (default: its first sentence)")
    new.add_argument("--publisher", default="", help="the outlet that published it (the first hand of every chain)")
    new.add_argument("--force", action="store_true", help="replace the annotation file and its text if they exist")
    return parser


def _grade(args: argparse.Namespace) -> int:
    from sourcewise.teacher.grade import grade_class
    from sourcewise.teacher.progress import ProgressBar

    if args.workers is not None and args.workers < 1:
        raise SourcewiseError(f"--workers {args.workers} is not allowed; give 1 or more.")
    bar: list[ProgressBar] = []

    def started(intake: object, notes: tuple[str, ...]) -> None:
        for note in notes:
            print(note, file=sys.stderr)
        submissions = getattr(intake, "submissions")
        print(f"Found {len(submissions)} submissions:", file=sys.stderr)
        for s in submissions:
            print(f"  {s.student} / {s.assignment or '?'}  <- {s.origin} ({s.how})", file=sys.stderr)
        for ignored in getattr(intake, "ignored"):
            print(f"  skipped {ignored} (another assignment)", file=sys.stderr)
        bar.append(ProgressBar(len(submissions)))

    def done(result: object) -> None:
        bar[0].step(str(getattr(result, "student")))

    run = grade_class(args.submissions, args.course_dir, args.out, args.workers, args.assignment,
                      args.timeout, on_start=started, on_done=done, sandbox=args.sandbox)
    attention = [r for r in run.results if r.needs_attention]
    print(f"Graded {len(run.results)} submissions; {len(attention)} need attention.")
    for r in attention:
        print(f"  {r.student} / {r.assignment}: {'; '.join(r.needs_attention)}")
    for note in run.notes:
        print(note)
    print(f"Grades: {run.grades_csv}")
    if run.report_html is not None:
        print(f"Class report: {run.report_html}")
    print(f"Feedback: {run.out / 'feedback'}")
    return 0


def _student_copy(args: argparse.Namespace) -> int:
    from sourcewise.teacher.student_copy import make_student_copy

    copy = make_student_copy(args.target, args.course_dir, args.force)
    print(f"Wrote the student copy to {copy.target}: {', '.join(copy.entries)}.")
    print(f"Checked {copy.files_checked} files: no solutions/, no hidden tests.")
    return 0


def _new_article(args: argparse.Namespace) -> int:
    from sourcewise.language import check_language
    from sourcewise.suggest.draft import write_draft

    draft = write_draft(args.text, check_language(args.lang), args.out, title=args.title,
                        publisher=args.publisher, force=args.force)
    print(f"Wrote a draft of {draft.units} units to {draft.annotation}, and the text to {draft.raw}.")
    print("Review every unit against the rulebook, then change 'status: draft' to 'status: reviewed';")
    print(f"sw.load_article({str(draft.annotation)!r}) loads it after that.")
    return 0


_VERBS = {"grade": _grade, "student-copy": _student_copy, "new-article": _new_article}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (2 for bad input)."""
    args = _parser().parse_args(argv)
    try:
        return _VERBS[args.verb](args)
    except SourcewiseError as error:
        print(f"sourcewise {args.verb}: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"sourcewise {args.verb}: interrupted.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
