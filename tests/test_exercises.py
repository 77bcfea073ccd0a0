"""The graded exercises: sources in solutions/, the release in exercises/, and nbgrader on both.

What is proven here, with the real nbgrader:

* exercises/ is exactly what nbgrader generates from solutions/ today, and generating is
  deterministic (twice gives the same bytes);
* no graded key can be read from exercises/ or from the package (src/sourcewise/);
* every hidden test has the one parseable form the teacher's tools rely on;
* the solutions run headless without errors or stderr and earn full marks, per nbgrader's
  own reading of the cells (``determine_grade``) and its ``Validator``;
* the release runs headless, its checks fail with a sentence a student can act on, and an
  untouched release scores 0 without breaking the grader;
* a partly right submission, graded by ``nbgrader autograde`` with the course's own config,
  gets partial credit (half for a non-confirmation called a denial).

Notebooks are executed once per module (fixtures) to keep the suite fast.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import os
import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import nbformat
import pytest

import sourcewise as sw
import sourcewise.exercise as ex

ROOT = Path(__file__).resolve().parents[1]
SOLUTIONS = ROOT / "solutions"
EXERCISES = ROOT / "exercises"
PACKAGE = ROOT / "src" / "sourcewise"
ASSIGNMENTS = ("a1_who_says_so", "a2_denial_or_no_comment", "a3_anonymous_reports", "a4_source_map", "a5_later_record")
GRADERS = ("grade_labels", "grade_spans", "grade_choices", "grade_function")
CHECKS = ("check_labels", "check_spans", "check_choices", "check_function")
BEGIN_HIDDEN, END_HIDDEN = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
BEGIN_SOLUTION, END_SOLUTION = "### BEGIN SOLUTION", "### END SOLUTION"


def _load_release_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("release_exercises", ROOT / "tools" / "release_exercises.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


release_tool = _load_release_tool()


def solution_path(assignment: str) -> Path:
    return SOLUTIONS / assignment / f"{assignment}.ipynb"


def release_path(assignment: str) -> Path:
    return EXERCISES / assignment / f"{assignment}.ipynb"


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def meta(cell: Any) -> dict[str, Any]:
    return dict(cell.metadata.get("nbgrader", {}))


def region(source: str, begin: str, end: str) -> str:
    """The lines between two markers (markers excluded)."""
    lines, inside = [], False
    for line in source.split("\n"):
        if begin in line:
            inside = True
        elif end in line:
            inside = False
        elif inside:
            lines.append(line)
    return "\n".join(lines)


def grade_calls(source: str) -> list[ast.Call]:
    return [
        node for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in GRADERS
    ]


def hidden_keys() -> Iterator[tuple[str, str, str, dict[Any, Any]]]:
    """(assignment, grader, grade_id, key) for every hidden grading call in solutions/."""
    for assignment in ASSIGNMENTS:
        for cell in read(solution_path(assignment)).cells:
            for call in grade_calls(region(cell.source, BEGIN_HIDDEN, END_HIDDEN)):
                assert isinstance(call.func, ast.Attribute)
                yield assignment, call.func.attr, meta(cell)["grade_id"], ast.literal_eval(call.args[1])


def stderr_of(cell: Any) -> list[str]:
    return [o.text for o in cell.get("outputs", []) if o.output_type == "stream" and o.name == "stderr"]


def errors_of(cell: Any) -> list[str]:
    return [f"{o.ename}: {o.evalue}" for o in cell.get("outputs", []) if o.output_type == "error"]


# ---------------------------------------------------------------------------------------
# The sources and their release


def test_the_five_assignments_are_there() -> None:
    assert tuple(release_tool.assignments(ROOT)) == ASSIGNMENTS
    for assignment in ASSIGNMENTS:
        assert solution_path(assignment).is_file()
        assert release_path(assignment).is_file()


def test_sources_are_tidy() -> None:
    """Outputs cleared, cell ids pinned: `python tools/release_exercises.py` leaves them as they are."""
    assert release_tool.tidy_sources(ROOT, write=False) == []
    for assignment in ASSIGNMENTS:
        ids = [cell.id for cell in read(solution_path(assignment)).cells]
        assert len(ids) == len(set(ids)), f"{assignment}: duplicate cell ids"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """nbgrader's release of today's solutions/, generated twice into separate folders."""
    first = release_tool.generate(ROOT, tmp_path_factory.mktemp("first") / "exercises")
    second = release_tool.generate(ROOT, tmp_path_factory.mktemp("second") / "exercises")
    return first, second


def test_exercises_are_in_sync_with_solutions(generated: tuple[Path, Path]) -> None:
    stale = release_tool.differences(generated[0], EXERCISES)
    assert stale == [], f"exercises/ is out of date ({stale}); run: python tools/release_exercises.py"


def test_generation_is_deterministic(generated: tuple[Path, Path]) -> None:
    assert release_tool.differences(*generated) == []
    assert sorted(p.name for p in generated[0].iterdir() if p.is_dir()) == list(ASSIGNMENTS)
    assert (generated[0] / "README.md").read_text(encoding="utf-8").startswith("# Exercises: saving and handing in")


def test_generation_leaves_the_course_folder_alone(generated: tuple[Path, Path]) -> None:
    for stray in ("gradebook.db", "source_solution", "solution", "release", "source"):
        assert not (ROOT / stray).exists(), f"{stray} appeared in the repository"


# ---------------------------------------------------------------------------------------
# The shape of every assignment: what the teacher's tools and nbgrader rely on


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_test_cell_has_a_visible_check_and_one_parseable_hidden_grader(assignment: str) -> None:
    notebook = read(solution_path(assignment))
    answers: dict[str, str] = {}
    for cell in notebook.cells:
        info = meta(cell)
        if info.get("solution") and cell.cell_type == "code":
            defined = {t.id for node in ast.parse(cell.source).body for t in getattr(node, "targets", [])
                       if isinstance(t, ast.Name)}
            defined |= {node.name for node in ast.parse(cell.source).body if isinstance(node, ast.FunctionDef)}
            answers[info["grade_id"]] = " ".join(sorted(defined))
        if not (info.get("grade") and cell.cell_type == "code"):
            continue
        visible = "\n".join(line for line in cell.source.split("\n")
                            if line not in region(cell.source, BEGIN_HIDDEN, END_HIDDEN).split("\n"))
        assert any(f"sw.exercise.{check}(" in visible for check in CHECKS), f"{info['grade_id']}: no visible check"
        hidden = region(cell.source, BEGIN_HIDDEN, END_HIDDEN)
        calls = grade_calls(hidden)
        assert len(calls) == 1, f"{info['grade_id']}: want exactly one grade_* call in the hidden tests"
        # IPython hides the value of a line ending in ";", and nbgrader then gives full marks
        assert not hidden.rstrip().endswith(";"), f"{info['grade_id']}: the grading call must not end in ';'"
        (call,) = calls
        # the whole cell ends in the grading call, so nbgrader reads its value as the score
        last = ast.parse(cell.source).body[-1]
        assert isinstance(last, ast.Expr) and isinstance(last.value, ast.Call)
        assert ast.dump(last.value) == ast.dump(call)
        # key and options are plain literals: the teacher's tools parse them without running anything
        key = ast.literal_eval(call.args[1])
        assert isinstance(key, dict) and key
        options = {k.arg: ast.literal_eval(k.value) for k in call.keywords}
        assert options["points"] == info["points"], f"{info['grade_id']}: points= differs from the cell's points"
        assert isinstance(call.args[0], ast.Name)
        assert any(call.args[0].id in names.split() for names in answers.values()), (
            f"{info['grade_id']}: grades {call.args[0].id}, which no answer cell defines")


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_title_states_the_total_points(assignment: str) -> None:
    notebook = read(solution_path(assignment))
    total = sum(meta(cell).get("points", 0) for cell in notebook.cells if meta(cell).get("grade"))
    assert f"· {total:g} points ·" in notebook.cells[0].source


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_one_written_answer_with_a_rubric_for_the_teacher_only(assignment: str) -> None:
    written = [c for c in read(solution_path(assignment)).cells
               if c.cell_type == "markdown" and meta(c).get("grade") and meta(c).get("solution")]
    assert len(written) == 1
    assert "Rubric for the teacher" in region(written[0].source, BEGIN_SOLUTION, END_SOLUTION)
    released = {c.id: c for c in read(release_path(assignment)).cells}[written[0].id]
    assert "Rubric" not in released.source and "Write your answer here" in released.source


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_keeps_templates_and_hand_in_instructions(assignment: str) -> None:
    notebook = read(release_path(assignment))
    first_code = next(c for c in notebook.cells if c.cell_type == "code")
    assert meta(first_code)["locked"] and "import sourcewise as sw" in first_code.source
    assert any(f"`{assignment}.ipynb`" in c.source and "Binder" in c.source for c in notebook.cells)
    for cell in notebook.cells:
        if meta(cell).get("solution") and cell.cell_type == "code":
            assert "..." in cell.source and "# ↑ write your answer above" in cell.source


def test_release_checksums_are_those_of_the_release_cells() -> None:
    """The checksums left in the release must not be checksums of the hidden versions.

    A checksum of a cell with its hidden tests would let a student try every key (a few
    labels per item) until the hash matches.
    """
    from nbgrader.utils import compute_checksum

    for assignment in ASSIGNMENTS:
        for cell in read(release_path(assignment)).cells:
            if "checksum" in meta(cell):
                assert cell.metadata.nbgrader["checksum"] == compute_checksum(cell), cell.id


# ---------------------------------------------------------------------------------------
# No key in the release or the package


def _corpus() -> dict[str, str]:
    """Every text file of exercises/ and src/sourcewise/; notebooks as their cells' text too."""
    texts: dict[str, str] = {}
    for top in (EXERCISES, PACKAGE):
        for path in sorted(top.rglob("*")):
            if not path.is_file() or "__pycache__" in path.parts:
                continue
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue
            if path.suffix == ".ipynb":
                cells = json.loads(text)["cells"]
                text += "\n".join("".join(c["source"]) for c in cells)
            texts[str(path.relative_to(ROOT))] = text
    return texts


def _pair_patterns(item: object, expected: object) -> list[str]:
    """Ways an answer pair can be written down: ``"P1": "denial"``, ``'P1': ["denial"``, ``"M2": 1``."""
    values = expected if isinstance(expected, list) else [expected]
    variants = {str(v) for v in values} | {str(v).replace(" ... ", " ") for v in values}
    return [
        rf"""["']{re.escape(str(item))}["']\s*:\s*\[?\s*(?:["']{re.escape(v)}["']|{re.escape(v)}(?![\w.]))"""
        for v in sorted(variants)
    ]


def test_hidden_keys_are_readable_nowhere_in_the_release_or_the_package() -> None:
    """Search exercises/ and src/sourcewise/ for every hidden key.

    A hidden function test leaks if any of its sentences appears. A key of labels, spans or
    choices leaks from the release if any one of its answer pairs (``"P2": "denial"``)
    appears there, and from the package if two of them appear in one file: a single pair
    such as ``{"P1": "denial"}`` is a common docstring example, two of one key are not.
    """
    corpus = _corpus()
    assert any(name.startswith("exercises/") for name in corpus)
    leaks: list[str] = []
    pairs = 0
    for assignment, grader, grade_id, key in hidden_keys():
        for name, text in corpus.items():
            if grader == "grade_function":
                found = [str(sentence) for sentence in key if str(sentence) in text]
                enough = 1
            else:
                found = [f"{item}: {expected}" for item, expected in key.items()
                         if any(re.search(p, text) for p in _pair_patterns(item, expected))]
                enough = 1 if name.startswith("exercises/") else min(2, len(key))
            if len(found) >= enough:
                leaks.append(f"{assignment} {grade_id}: {found} in {name}")
        pairs += len(key)
    assert pairs > 60  # the search really ran over the keys
    assert leaks == []


def test_no_solution_or_hidden_test_text_in_the_release() -> None:
    corpus = {n: t for n, t in _corpus().items() if n.startswith("exercises/")}
    release_text = "\n".join(corpus.values())
    for marker in ("BEGIN SOLUTION", "END SOLUTION", "HIDDEN TESTS", "MARK SCHEME", "Rubric", *GRADERS):
        assert marker not in release_text
    for assignment in ASSIGNMENTS:
        for cell in read(solution_path(assignment)).cells:
            solution = region(cell.source, BEGIN_SOLUTION, END_SOLUTION)
            template = cell.source.split(BEGIN_SOLUTION)[0]
            for line in solution.split("\n"):
                if len(line.strip()) > 25 and line not in template:
                    assert line not in release_text, f"{assignment} {cell.id}: solution line in the release: {line!r}"


# ---------------------------------------------------------------------------------------
# Running the notebooks headless, through nbgrader's Validator
#
# ``nbgrader validate`` exits 0 even when tests fail, so its Validator is used directly.
# It executes with nbgrader's Execute preprocessor (nbclient, the venv's python3 kernel),
# exactly as autograde does; the subclass keeps the executed notebook, so that each
# notebook runs once and the cells can be inspected too.


def _validator_class() -> type:
    from nbgrader.validator import Validator

    class KeepingValidator(Validator):  # type: ignore[misc]
        executed: nbformat.NotebookNode | None = None

        def _preprocess(self, nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
            self.executed = super()._preprocess(nb)
            return self.executed

    return KeepingValidator


def validate(path: Path, workdir: Path) -> tuple[dict[str, Any], nbformat.NotebookNode]:
    """nbgrader's verdict on a notebook (``{}`` means it passes) and the executed notebook."""
    from traitlets.config import Config

    config = Config()
    config.Execute.timeout = 60
    config.Execute.startup_timeout = 120
    config.Validator.validate_all = True  # errors and stderr in any code cell count, not only in tests
    copy = workdir / f"{path.parts[-3]}-{path.name}"
    shutil.copy(path, copy)
    validator = _validator_class()(config=config)
    results = validator.validate(str(copy))
    assert validator.executed is not None
    return results, validator.executed


@pytest.fixture(scope="module")
def validated_solutions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[dict[str, Any], Any]]:
    workdir = tmp_path_factory.mktemp("run-solutions")
    return {a: validate(solution_path(a), workdir) for a in ASSIGNMENTS}


@pytest.fixture(scope="module")
def validated_releases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[dict[str, Any], Any]]:
    workdir = tmp_path_factory.mktemp("run-releases")
    return {a: validate(release_path(a), workdir) for a in ASSIGNMENTS}


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_solution_passes_nbgrader_validation(assignment: str, validated_solutions: dict[str, Any]) -> None:
    results, _ = validated_solutions[assignment]
    assert results == {}, results


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_solution_runs_clean_and_earns_full_marks(assignment: str, validated_solutions: dict[str, Any]) -> None:
    from nbgrader.utils import determine_grade

    _, executed = validated_solutions[assignment]
    graded = 0
    for cell in executed.cells:
        if cell.cell_type != "code":
            continue
        assert errors_of(cell) == [], cell.id
        assert stderr_of(cell) == [], cell.id
        if meta(cell).get("grade"):
            results = [o for o in cell.outputs if o.output_type == "execute_result"]
            assert len(results) == 1, f"{cell.id}: the grading call's value is not the cell's result"
            assert float(results[0].data["text/plain"]) == meta(cell)["points"], cell.id
            assert determine_grade(cell) == (meta(cell)["points"], meta(cell)["points"]), cell.id
            graded += 1
    assert graded >= 4


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_fails_nbgrader_validation_on_every_graded_cell(
    assignment: str, validated_releases: dict[str, Any]
) -> None:
    results, _ = validated_releases[assignment]
    graded = [c for c in read(release_path(assignment)).cells if meta(c).get("grade")]
    assert set(results) == {"failed"}
    assert len(results["failed"]) == len(graded)
    errors = [failure["raw_error"] for failure in results["failed"]]
    unanswered = [e for e in errors if "You did not provide a response" in e]  # the written answer
    assert len(unanswered) == 1
    for error in (e for e in errors if e not in unanswered):
        # what nbgrader shows the student is the check's sentence, not a traceback through the library
        assert error.startswith("✗ ") and "AssertionError" in error, error
        assert "Traceback" not in error and "sourcewise" not in error and len(error.splitlines()) <= 3, error


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_untouched_release_fails_its_checks_and_scores_zero(assignment: str, validated_releases: dict[str, Any]) -> None:
    """Every cell runs (nothing hangs); each check fails with a sentence to act on."""
    from nbgrader.utils import determine_grade

    _, executed = validated_releases[assignment]
    for cell in executed.cells:
        if cell.cell_type != "code":
            continue
        assert stderr_of(cell) == [], cell.id
        if not meta(cell).get("grade"):
            assert errors_of(cell) == [], f"{cell.id}: a cell before the checks fails on its own"
            continue
        (error,) = errors_of(cell)
        assert error.startswith("AssertionError: ")
        (output,) = [o for o in cell.outputs if o.output_type == "error"]
        sentence, why = output.traceback  # the check's sentence, and why the cell stopped: no library stack
        assert sentence.startswith("✗ ") and why.startswith("(AssertionError: this check stops the cell"), output.traceback
        assert re.search(r"No answer yet: replace each \.\.\.|returns None: the function has no answer", error), error
        assert determine_grade(cell) == (0, meta(cell)["points"])


# ---------------------------------------------------------------------------------------
# End to end: a partly right submission, graded by nbgrader with the course's config


A2_ANSWERS = {
    # P2 is a non-confirmation answered as a denial (half), P3 left blank (none): 4.5 of 6
    "q1_labels": 'q1 = {"P1": "denial", "P2": "Denial", "P3": ..., "P4": "no comment", "P5": "denial", "P6": "confirmation"}',
    # P1 over-marked (2 of 4 words: F1 0.67), the rest right: 2.67 of 3
    "q2_spans": 'q2 = {"P1": "wies die Vorwürfe zurück", "P5": "dementierte", "P7": "bestätigte nicht"}',
    # nothing answered at all: the check fails, 0 of 3
    # (q3_conclude keeps its template)
    # two non-confirmations called denials (half each), a non-denial called a confirmation
    # (nothing: not denying is not saying yes), five right: 6 of 8 shares, 3 of 4
    "q4_kinds": 'q4 = {"K1": "denial", "K2": "denial", "K3": "denial", "K4": "non_confirmation", '
                '"K5": "confirmation", "K6": "confirmation", "K7": "denial", "K8": "denial"}',
    # the optional function is left as it is: it earns and costs nothing
    # a written answer: it waits for the teacher (an unchanged one would be scored 0 at once)
    "q5_written": "The Kremlin did not deny anything, it only did not confirm the meeting.",
}
A2_EXPECTED = {"q1_labels_test": 4.5, "q2_spans_test": 2.67, "q3_conclude_test": 0.0, "q4_kinds_test": 3.0}


@pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")  # nbgrader's gradebook, not ours
def test_nbgrader_autograde_gives_partial_credit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from nbgrader.api import Gradebook
    from nbgrader.converters import Autograde, GenerateAssignment
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    assignment = "a2_denial_or_no_comment"
    course = tmp_path / "course"
    (course / "solutions").mkdir(parents=True)
    shutil.copy(ROOT / "nbgrader_config.py", course)
    shutil.copytree(SOLUTIONS / assignment, course / "solutions" / assignment)
    # nbgrader's gradebook runs the `alembic` command: it must be on PATH even without an activated venv
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")

    def config() -> Any:
        cfg = PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()
        cfg.CourseDirectory.root = str(course)
        cfg.CourseDirectory.assignment_id = assignment
        return cfg

    cfg = config()
    GenerateAssignment(coursedir=CourseDirectory(config=cfg), config=cfg).start()
    release = course / "exercises" / assignment / f"{assignment}.ipynb"
    assert release.read_bytes() == release_path(assignment).read_bytes()

    # the student fills in the release: the template line is replaced by an answer
    student = read(release)
    for cell in student.cells:
        if cell.id in A2_ANSWERS:
            cell.source = A2_ANSWERS[cell.id]
    submitted = course / "submitted" / "alice" / assignment
    submitted.mkdir(parents=True)
    nbformat.write(student, submitted / f"{assignment}.ipynb")

    cfg = config()
    cfg.CourseDirectory.student_id = "alice"
    Autograde(coursedir=CourseDirectory(config=cfg), config=cfg).start()

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        scores = {g: gb.find_grade(g, assignment, assignment, "alice").score for g in A2_EXPECTED}
        written = gb.find_grade("q5_written", assignment, assignment, "alice")
        # a written answer waits for the teacher, as a manually graded cell should
        assert written.auto_score is None and written.needs_manual_grade
    assert scores == pytest.approx(A2_EXPECTED)
    feedback = read(course / "autograded" / "alice" / assignment / f"{assignment}.ipynb")
    q1_output = "".join(o.get("text", "") for c in feedback.cells if c.id == "q1_labels_test" for o in c.outputs)
    assert "P2: half right. It is an official response, but not a denial: it is a non-confirmation." in q1_output


# ---------------------------------------------------------------------------------------
# The helpers, without a kernel


def test_checks_raise_only_for_form_and_say_what_to_do(capsys: pytest.CaptureFixture[str]) -> None:
    ids = ["P1", "P2"]
    with pytest.raises(AssertionError, match=r"should be a dictionary"):
        ex.check_labels(["denial"], ids)
    with pytest.raises(AssertionError, match=r"'P3' is not an item of this question\. The items are: P1, P2\."):
        ex.check_labels({"P1": "denial", "P3": "denial"}, ids)
    with pytest.raises(AssertionError, match=r"P2 missing from your answer"):
        ex.check_labels({"P1": "denial"}, ids)
    with pytest.raises(AssertionError, match=r"No answer yet"):
        ex.check_labels({"P1": ..., "P2": ...}, ids)
    with pytest.raises(AssertionError, match=r"P2: No label 'denail'\. Did you mean 'denial'\?"):
        ex.check_labels({"P1": "denial", "P2": "denail"}, ids)
    ex.check_labels({"p1": "Denial", "P2": "confirmation"}, ids)  # wrong or right: the check cannot tell
    with pytest.raises(AssertionError, match=r"not one of the choices"):
        ex.check_choices({"M1": "d"}, ["M1"], allowed=["a", "b", "c"])
    with pytest.raises(AssertionError, match=r"is not a word of the sentence"):
        ex.check_spans({"P1": "dementiert"}, {"P1": "Die Firma dementierte alles."})
    with pytest.raises(AssertionError, match=r"write the marked words as text"):
        ex.check_spans({"P1": 3}, ["P1"])
    assert "Form OK" in capsys.readouterr().out


def test_check_function_complains_about_form_not_about_wrong_answers(capsys: pytest.CaptureFixture[str]) -> None:
    examples = {"Die Firma dementierte alles.": "denial", "Der Verein bestätigte es.": "confirmation"}

    def empty(sentence: str) -> str:
        ...

    def crashes(sentence: str) -> str:
        return sentence[100]

    def not_a_label(sentence: str) -> str:
        return "maybe"

    def always_denial(sentence: str) -> str:
        return "denial"

    with pytest.raises(AssertionError, match=r"returns None: the function has no answer"):
        ex.check_function(empty, examples)
    with pytest.raises(AssertionError, match=r"stops with IndexError"):
        ex.check_function(crashes, examples)
    with pytest.raises(AssertionError, match=r"No label 'maybe'"):
        ex.check_function(not_a_label, examples)
    with pytest.raises(AssertionError, match=r"should be a function"):
        ex.check_function("denial", examples)
    with pytest.raises(AssertionError, match=r"should return a number"):
        ex.check_function(always_denial, {"Angeblich ja.": 1})
    with pytest.raises(AssertionError, match=r"not one of: direct_quote, none"):
        ex.check_function(always_denial, {"Er sagte es.": "none"}, allowed=["direct_quote", "none"])
    ex.check_function(always_denial, examples)
    out = capsys.readouterr().out
    assert "✗ 'Der Verein bestätigte es.' → 'denial', but the example says 'confirmation'" in out
    assert "Form OK" in out


NASTY_ANSWERS: list[object] = [None, 3, "denial", ["denial"], {"P1": {"x": 1}}, {"P1": ["a", 2]}, {"zzz": "denial"}, {}]


@pytest.mark.parametrize("answer", NASTY_ANSWERS, ids=repr)
def test_graders_never_raise_or_touch_stderr_and_stay_within_points(
    answer: object, capsys: pytest.CaptureFixture[str]
) -> None:
    results = [
        ex.grade_labels(answer, {"P1": "denial", "P2": "non_confirmation"}, points=3),
        ex.grade_spans(answer, {"P1": "wies ... zurück"}, points=2),
        ex.grade_choices(answer, {"P1": "a"}, allowed=["a", "b"], points=1),
        ex.grade_function(answer, {"Er wies es zurück.": "denial"}, points=2),
    ]
    captured = capsys.readouterr()
    assert captured.err == ""
    assert all(isinstance(r, float) and 0 <= r for r in results)
    assert results == [0.0, 0.0, 0.0, 0.0]


def test_graders_score_with_the_lessons_partial_credit(capsys: pytest.CaptureFixture[str]) -> None:
    key = {"P1": "non_confirmation", "P2": "denial", "P3": ["confirmation", "sourced_claim"]}
    assert ex.grade_labels({"P1": "denial", "P2": "denied", "P3": "sourced claim"}, key, points=3) == 2.5
    assert ex.grade_labels({"P1": "no comment", "P2": "deny", "P3": "confirmed"}, key, points=3) == 3.0
    assert ex.grade_labels({"P1": "official response", "P2": ..., "P3": "rumour"}, key, points=3) == 0.5
    # thirds are rounded to hundredths and never pass the cell's points (nbgrader would stop)
    assert ex.grade_labels({"P1": "no comment", "P2": "denial", "P3": "unattributed"}, key, points=2) == 1.33
    assert ex.grade_spans({"P1": ["wies", "zurück"]}, {"P1": "wies ... zurück"}, points=1) == 1.0
    assert ex.grade_choices({"H1": 3, "H2": "2"}, {"H1": "3", "H2": "1"}, allowed=["1", "2", "3"], points=2) == 1.0
    out = capsys.readouterr().out
    assert "P1: half right. It is an official response, but not a denial" in out
    assert "accepted, 'sourced claim'" in out


def test_grade_function_contains_the_students_mess(capsys: pytest.CaptureFixture[str]) -> None:
    import warnings

    calls: list[str] = []

    def noisy(sentence: str) -> object:
        calls.append(sentence)
        print("debugging", sentence, file=sys.stderr)
        warnings.warn("careful", UserWarning, stacklevel=1)
        if "boom" in sentence:
            raise ValueError("boom")
        if "exit" in sentence:
            raise SystemExit(1)
        return "Denial" if "zurück" in sentence else "confirmation"

    cases = {"Sie wies es zurück.": "denial", "boom": "denial", "exit": "denial", "Er sagte nichts.": "non_confirmation"}
    earned = ex.grade_function(noisy, cases, points=4)
    captured = capsys.readouterr()
    assert captured.err == ""
    assert earned == 1.0  # 1 + 0 + 0 + 0 (a confirmation is no half-way answer for a non-confirmation)
    assert "stopped with ValueError: boom" in captured.out
    assert len(calls) == 4


def test_grade_function_compares_numbers_and_text_exactly(capsys: pytest.CaptureFixture[str]) -> None:
    def count(sentence: str) -> int:
        return len(ex.words(sentence)) - 2

    assert ex.grade_function(count, {"eins zwei drei": 1, "a b": 0, "x y z w": True}, points=3) == 2.0
    assert ex.grade_function(lambda s: " Direct quote", {"„x“": "direct_quote"}, points=1) == 1.0
    capsys.readouterr()


def test_feedback_follows_the_course_language(capsys: pytest.CaptureFixture[str]) -> None:
    sw.set_language("de")
    ex.grade_choices({"M1": "a"}, {"M1": "c"}, allowed=["a", "b", "c"], points=1)
    with pytest.raises(AssertionError, match=r"Noch keine Antwort"):
        ex.check_labels({"P1": ...}, ["P1"])
    assert "du hast 'a' gesagt, aber es ist 'c'" in capsys.readouterr().out


def test_teacher_tools_can_read_every_hidden_grader() -> None:
    """The contract with `sourcewise.teacher.keys`: every hidden test parses as data."""
    import sourcewise.teacher.keys as keys  # the package's own module: a failing import must fail here
    for assignment in ASSIGNMENTS:
        for cell in read(solution_path(assignment)).cells:
            if meta(cell).get("grade") and cell.cell_type == "code":
                call = keys.grade_call(cell.source)
                assert call is not None, f"{assignment} {cell.id}"
                assert call.options["points"] == meta(cell)["points"]


# ---------------------------------------------------------------------------------------
# Exercise 5 is keyed by the record's own rules


def test_a5_keys_are_what_the_records_rules_decide_for_the_invented_story() -> None:
    """The Lindenbad story of a5, as a record: sourcewise.record's rules give the hidden keys.

    The story lives here and in the exercise, never in the package, so the keys cannot be
    computed from anything a student has.
    """
    import datetime as dt

    from sourcewise.article import Why
    from sourcewise.record import Bearing, Claim, Event, Record, Source

    def said(text: str) -> Why:
        return Why(text, text)

    sources = {name: Source(name, said(name), kind, said(name)) for name, kind in (
        ("club_people", "press"), ("morgenpost", "press"), ("town", "government"),
        ("inspectors", "government"), ("tal_kurier", "press"))}
    claims = {f"C{i}": Claim(f"C{i}", (), said(f"C{i}"), about, ("club_people",), possibility=(i == 2))
              for i, about in enumerate(("closing", "building_use", "land_sale", "roof", "heating", "pool_visits"), 1)}

    def event(day: int, month: int, voice: str, claim: str, finding: str, about: str) -> Event:
        return Event(f"e-2025-{month:02d}-{day:02d}", dt.date(2025, month, day), voice, voice, said(claim), url="https://x",
                     bears_on=(Bearing(claim, finding, about),))

    story = Record(sources, {}, claims, (
        event(10, 3, "club_people", "C4", "supports", "roof"),         # Morgenpost repeats its own sources
        event(2, 4, "town", "C1", "supports", "closing"),              # the town's website
        event(15, 4, "town", "C3", "denial", "land_sale"),             # "That is not true."
        event(20, 5, "inspectors", "C5", "contradicts", "heating"),    # the heating works
        event(1, 6, "town", "C6", "supports", "sports_hall_visits"),   # sports halls, not the pool
        event(1, 9, "tal_kurier", "C2", "contradicts", "building_use"),  # a library, not a skate hall
    ))
    keys = {grade_id: key for assignment, _, grade_id, key in hidden_keys() if assignment == "a5_later_record"}
    assert {claim: story.verdict(claim).verdict for claim in claims} == keys["q1_verdicts_test"]
    assert {claim: story.verdict(claim).rule for claim in claims} == keys["q2_rules_test"]
