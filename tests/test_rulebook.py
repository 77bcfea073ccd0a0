"""One rulebook behind every key: the rules load, render, and every graded item follows them.

Every keyed item names the rules that decide it: the article's units (``rule:`` in
article.yaml), the lessons' self-checks (``rule:`` in data/questions/*.yaml, or the units'
rules for a labels question) and the exercises' hidden tests (``rules={...}`` in the
grading call). For each item this file checks that

* its key gives exactly the credit its rules give: the same answers, each with the same
  share of the points (so items of the same shape agree, wherever they are);
* a span key gives full points to the canonical span the rules find in the sentence, and
  to each variant the rulebook allows (the article, the whole "zufolge" phrase);
* a source-kind key accepts exactly what its rule accepts;
* nothing is graded before it is taught: every rule's lesson comes no later than the
  lesson of the self-check, or the lesson an exercise goes with.

The checks are plain functions, so the last tests can feed them deliberately wrong keys
and see them fail.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
import pytest

import sourcewise as sw
import sourcewise.exercise as ex
from sourcewise.checks import questions
from sourcewise.errors import AnnotationError, LabelError
from sourcewise.grading import Key, KeyItem, label_key, score, span_key
from sourcewise.rulebook import Rulebook, RulebookError, load_rulebook
from sourcewise.taxonomy import LABELS, RESPONSES, SOURCE_KINDS
from sourcewise.teacher.keys import grade_call

ROOT = Path(__file__).resolve().parents[1]
SOLUTIONS = ROOT / "solutions"
ANSWERS = (*LABELS, *RESPONSES)
KEYED = ("labels", "cues", "choice", "number")

# Lessons whose self-checks another issue is rewriting; their questions name rules when
# they do, and are checked then. Remove a lesson from here once its questions name rules.
RULES_LATER: tuple[str, ...] = ()
# Questions about how the course works (saving on Binder), not about reading a source.
COURSE_MECHANICS = ("00.save",)


@pytest.fixture(scope="module")
def book() -> Rulebook:
    return load_rulebook()


# ---------------------------------------------------------------------------------------
# What a key gives, and what the rules say it must give


def key_credit(item: KeyItem) -> dict[str, float]:
    """Every label or response that earns points on a key item, with its share."""
    found = {}
    for answer in ANSWERS:
        result = score({item.item: answer}, Key((item,))).items[0]
        if result.points > 0:
            found[answer] = round(result.points / result.maximum, 4)
    return found


def label_problems(book: Rulebook, item: KeyItem, rule_ids: Sequence[str]) -> list[str]:
    """Why a label item's key differs from what its rules accept (empty when it agrees)."""
    if not rule_ids:
        return [f"{item.item}: names no rule"]
    level = "response" if str(item.expected) in RESPONSES else "label"
    try:
        wanted = book.credit(rule_ids, level=level)
    except (ValueError, LabelError) as error:
        return [f"{item.item}: {error}"]
    got = key_credit(item)
    if got != wanted:
        return [f"{item.item}: the key gives {got}, its rules {list(rule_ids)} give {wanted}"]
    return []


def span_problems(book: Rulebook, item: KeyItem, sentence: str, rule_ids: Sequence[str]) -> list[str]:
    """Why a span item's key fails the canonical span or one of its variants."""
    if not rule_ids:
        return [f"{item.item}: names no rule"]
    wanted = book.spans(sentence, rule_ids)
    if not wanted.canonical:
        return [f"{item.item}: the rules {list(rule_ids)} find nothing to mark in {sentence!r}"]
    problems = []
    for answer in (wanted.canonical, *wanted.variants):
        result = score({item.item: list(answer)}, Key((item,))).items[0]
        if result.points < result.maximum:
            problems.append(f"{item.item}: marking {answer} earns {result.points} of {result.maximum}")
    return problems


def choice_problems(book: Rulebook, item: str, options: object, rule_ids: Sequence[str]) -> list[str]:
    """Why a source-kind choice differs from its rule (other choices only need a rule)."""
    if not rule_ids:
        return [f"{item}: names no rule"]
    rules = [book[r] for r in rule_ids]
    kinds = [r for r in rules if r.decides == "source_kind"]
    given = {str(o) for o in (options if isinstance(options, list) else [options])}
    if kinds and given & set(SOURCE_KINDS):
        wanted = {name for name, share in kinds[0].credit.items() if share >= 1}
        if given != wanted:
            return [f"{item}: the key accepts {sorted(given)}, its rule {kinds[0].id} accepts {sorted(wanted)}"]
    return []


def taught_problems(book: Rulebook, where: str, rule_ids: Sequence[str], lesson: int) -> list[str]:
    return [
        f"{where}: rule {rule_id} is taught in lesson {book[rule_id].taught_in:02d}, after lesson {lesson:02d}"
        for rule_id in rule_ids if book[rule_id].taught_in > lesson
    ]


# ---------------------------------------------------------------------------------------
# The rulebook itself


def test_the_rulebook_loads_with_five_steps_and_a_rule_for_every_label(book: Rulebook) -> None:
    assert [step.step for step in book.steps] == [1, 2, 3, 4, 5]
    assert {r.answer for r in book.deciding("label")} == set(LABELS)
    assert {r.answer for r in book.deciding("response")} == set(RESPONSES)
    assert {r.step for r in book.deciding("label")} == {1, 2, 3, 4, 5}
    for rule in book:
        assert rule.statement.en and rule.statement.de and rule.title.en and rule.title.de, rule.id


def test_examples_are_decided_by_their_rule(book: Rulebook) -> None:
    """Each span rule finds its own example's answer; each label rule accepts its examples."""
    for rule in book:
        for example in rule.examples:
            if rule.decides == "span":
                assert " ".join(book.spans(example.text, [rule.id]).canonical) == example.answer, rule.id
            elif rule.decides in ("label", "response", "source_kind"):
                assert example.answer in rule.credit, rule.id


def test_lookup_says_did_you_mean(book: Rulebook) -> None:
    with pytest.raises(LabelError, match=r"No rule 'hedge_not_decissive'\. Did you mean 'hedge_not_decisive'\?"):
        book["hedge_not_decissive"]


def test_a_broken_rulebook_lists_every_problem(tmp_path: Path) -> None:
    broken = tmp_path / "rules.yaml"
    broken.write_text(
        "steps: []\n"
        "rules:\n"
        "  - {id: Bad-Id, decides: lable, title: {en: a, de: b}, statement: {en: a}, taught_in: 9}\n"
        "  - {id: two, decides: label, answer: sourced, also: {anonymous_report: 0.3}, title: {en: a, de: b},\n"
        "     statement: {en: a, de: b}, taught_in: 1, examples: [{text: x, en: y, answer: sourced_claim}]}\n",
        encoding="utf-8",
    )
    with pytest.raises(RulebookError) as caught:
        load_rulebook(broken)
    text = "\n".join(caught.value.problems)
    assert isinstance(caught.value, AnnotationError)
    for expected in ("five steps", "an id is a short slug", "decides 'lable' is not allowed. Did you mean 'label'?",
                     "taught_in must be", "'statement' needs two texts", "answer 'sourced' is not allowed",
                     "needs 'step:'", "share of 'anonymous_report' must be 1", "must say why in 'credit_note'"):
        assert expected in text, expected


def test_rendered_in_both_languages(book: Rulebook) -> None:
    english, german = book.to_markdown("en"), book.to_markdown("de")
    assert english.startswith("# The rulebook") and german.startswith("# Das Regelbuch")
    assert "### `messenger` · The messenger rule (step 3)" in english
    assert "Also accepted: `anonymous_report` (full points)." in english
    assert "`anonymous_report` (halbe Punkte)" in german
    page = book.to_html("en", decides=("label",))
    assert '<div class="sourcewise-rule" id="rule-messenger">' in page and "cue_span" not in page


def test_every_part_of_the_rulebook_is_imported_from_the_package() -> None:
    import sourcewise.rulebook as package

    assert set(package.__all__) == {
        "DECIDES", "SHARES", "Example", "Rule", "Rulebook", "RulebookError", "RulebookView", "SpanAnswers",
        "Step", "load_rulebook",
    }
    assert all(hasattr(package, name) for name in package.__all__)


def test_docs_rulebook_is_up_to_date() -> None:
    out = subprocess.run([sys.executable, str(ROOT / "tools" / "render_rulebook.py"), "--check"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


# ---------------------------------------------------------------------------------------
# The article


def test_every_unit_names_its_rules_and_its_key_follows_them(book: Rulebook, article: sw.Article) -> None:
    problems = []
    for level in ("label", "response"):
        for item in label_key(article, level=level).items:  # type: ignore[arg-type]
            problems += label_problems(book, item, article[item.item].rules)
    assert problems == []


def test_units_of_the_same_rules_agree(article: sw.Article) -> None:
    by_rules: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
    for unit in article:
        by_rules.setdefault(unit.rules, set()).add(tuple(sorted((unit.answer, *unit.alternatives))))
    assert {rules: answers for rules, answers in by_rules.items() if len(answers) > 1} == {}


# ---------------------------------------------------------------------------------------
# The lessons' self-checks


def lesson_questions() -> list[Any]:
    return [q for q in questions().values() if q.type in KEYED and q.id[:2] not in RULES_LATER]


def deciding(book: Rulebook, rule_ids: Sequence[str], level: str) -> list[str]:
    """The rules that decide an answer at this level: a label-only item is not graded on
    the kind of a response, and a claim-or-not item only on whether it is about the story."""
    if level == "claim":
        return [r for r in rule_ids if r == "not_about_story"]
    if level == "label":
        return [r for r in rule_ids if r in book and book[r].decides != "response"]
    return list(rule_ids)


def test_every_keyed_self_check_names_a_rule_taught_by_its_lesson(book: Rulebook, article: sw.Article) -> None:
    problems = []
    for q in [q for q in questions().values() if q.type in KEYED]:
        lesson = int(q.id[:2])
        unit_rules = [r for uid in q.units for r in article[uid].rules] if q.type == "labels" else []
        names = list(q.rules) + deciding(book, unit_rules, q.level)
        if not names and q.id[:2] not in RULES_LATER and q.id not in COURSE_MECHANICS:
            problems.append(f"{q.id}: names no rule")
        for rule_id in names:
            if rule_id not in book:
                problems.append(f"{q.id}: no rule {rule_id}")
            else:
                problems += taught_problems(book, q.id, [rule_id], lesson)
    assert problems == []


def test_label_self_checks_follow_the_rules(book: Rulebook, article: sw.Article) -> None:
    from sourcewise.checks import check

    problems = []
    for q in lesson_questions():
        if q.type != "labels":
            continue
        if q.level == "claim":  # "claim" or "not a claim": any claim label is a claim
            right = {u: "not a claim" if "not_about_story" in article[u].rules else "claim" for u in q.units}
            flipped = {u: "claim" if given == "not a claim" else "not a claim" for u, given in right.items()}
            if (check(q.id, right).points, check(q.id, flipped).points) != (len(q.units), 0):
                problems.append(f"{q.id}: 'claim' or 'not a claim' by not_about_story is not graded right")
            continue
        level = "response" if q.level == "response" else "label"
        for item in label_key(article, q.units, level=level).items:  # type: ignore[arg-type]
            problems += [f"{q.id} {p}" for p in label_problems(book, item, article[item.item].rules)]
    assert problems == []


def test_cue_self_checks_accept_the_canonical_span_and_its_variants(book: Rulebook, article: sw.Article) -> None:
    problems = []
    for q in lesson_questions():
        if q.type == "cues":
            key = span_key(article, q.units, kinds=q.kinds or None, hedges=q.hedges)
            for item in key.items:
                unit = article[item.item.split(".")[0]]
                problems += [f"{q.id} {p}" for p in span_problems(book, item, unit.text, q.rules)]
    assert problems == []


# ---------------------------------------------------------------------------------------
# The exercises, hidden and visible tests


@dataclass(frozen=True)
class Graded:
    assignment: str
    lesson: int
    cell: str
    helper: str
    key: dict[str, Any]
    rules: dict[str, Any]
    sentences: dict[str, str]


def graded_cells() -> Iterator[Graded]:
    for path in sorted(SOLUTIONS.glob("*/*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        found = re.search(r"goes with lessons? (\d+)(?: and (\d+))?", notebook.cells[0].source)
        assert found, f"{path.name}: the title must say which lesson it goes with"
        for cell in notebook.cells:
            if cell.cell_type != "code":
                continue
            calls = [node for node in ast.walk(ast.parse(cell.source)) if isinstance(node, ast.Call)
                     and isinstance(node.func, ast.Attribute) and node.func.attr in ("check_spans", "try_function")]
            sentences = {}
            for call in calls:
                if call.func.attr == "check_spans" and isinstance(call.args[1], ast.Dict):  # type: ignore[attr-defined]
                    sentences = ast.literal_eval(call.args[1])
            call = grade_call(cell.source)
            if call is not None:
                yield Graded(path.stem, max(int(n) for n in found.groups() if n), cell.id, call.helper, call.key,
                             dict(call.options.get("rules") or {}), sentences)
            for node in calls:
                if node.func.attr == "try_function":  # type: ignore[attr-defined]
                    options = {k.arg: ast.literal_eval(k.value) for k in node.keywords if k.arg}
                    examples = ast.literal_eval(node.args[1])
                    rules = options.get("rules") or {}
                    if isinstance(rules, str):  # one rule for every example
                        rules = {case: rules for case in examples}
                    yield Graded(path.stem, max(int(n) for n in found.groups() if n), cell.id, "try_function", examples, dict(rules), {})


def test_the_exercises_are_found() -> None:
    helpers = {g.helper for g in graded_cells()}
    assert {"grade_labels", "grade_spans", "grade_choices"} <= helpers


def test_every_exercise_item_names_rules_taught_by_its_lesson(book: Rulebook) -> None:
    problems = []
    for g in graded_cells():
        where = f"{g.assignment} {g.cell}"
        if set(map(str, g.rules)) != set(map(str, g.key)):
            problems.append(f"{where}: rules= must name the rules of every item, and only those: {sorted(map(str, g.key))}")
        for item, ids in g.rules.items():
            for rule_id in [ids] if isinstance(ids, str) else ids:
                if rule_id not in book:
                    problems.append(f"{where} {item}: no rule {rule_id}")
                else:
                    problems += taught_problems(book, f"{where} {item}", [rule_id], g.lesson)
    assert problems == []


def rule_list(ids: object) -> list[str]:
    return [ids] if isinstance(ids, str) else list(ids)  # type: ignore[call-overload]


def test_exercise_keys_follow_the_rules(book: Rulebook) -> None:
    problems = []
    for g in graded_cells():
        where = f"{g.assignment} {g.cell}"
        if g.helper == "grade_labels":
            for item in ex.label_key(g.key).items:
                problems += [f"{where} {p}" for p in label_problems(book, item, rule_list(g.rules.get(item.item, [])))]
        elif g.helper == "grade_spans":
            for item in ex.span_key(g.key).items:
                sentence = g.sentences.get(item.item, "")
                problems += [f"{where} {p}" for p in
                             span_problems(book, item, sentence, rule_list(g.rules.get(item.item, [])))]
        elif g.helper == "grade_choices":
            for item, options in g.key.items():
                problems += [f"{where} {p}" for p in
                             choice_problems(book, item, options, rule_list(g.rules.get(item, [])))]
        else:  # a function's examples: a label example must be the rule's own answer or an accepted one
            for case, expected in g.key.items():
                if isinstance(expected, str) and expected in ANSWERS:
                    ids = rule_list(g.rules.get(case, []))
                    credit = book.credit(ids, level="response" if expected in RESPONSES else "label") if ids else {}
                    if credit.get(expected, 0) < 1:
                        problems.append(f"{where} {case!r}: {expected} is not what its rules {ids} accept")
    assert problems == []


# ---------------------------------------------------------------------------------------
# The checks can fail


def test_a_key_that_contradicts_its_rule_is_caught(book: Rulebook) -> None:
    # the messenger rule accepts both labels: a key that accepts only one is wrong
    (only_anonymous,) = ex.label_key({"X1": "anonymous_report"}).items
    assert label_problems(book, only_anonymous, ["messenger"]) == [
        "X1: the key gives {'anonymous_report': 1.0}, its rules ['messenger'] give "
        "{'sourced_claim': 1.0, 'anonymous_report': 1.0}"
    ]
    (fair,) = ex.label_key({"X1": ["sourced_claim", "anonymous_report"]}).items
    assert label_problems(book, fair, ["messenger"]) == []
    # a hedge alone: half for anonymous, no more and no less
    (too_kind,) = ex.label_key({"X1": ["unattributed", "anonymous_report"]}).items
    assert label_problems(book, too_kind, ["hedge_not_decisive"]) != []
    (no_rule,) = ex.label_key({"X1": "denial"}).items
    assert label_problems(book, no_rule, []) == ["X1: names no rule"]


def test_a_span_key_that_refuses_the_canonical_span_is_caught(book: Rulebook) -> None:
    sentence = "Dem Bericht zufolge könnte Kim reisen."
    (old,) = ex.span_key({"X1": "Dem Bericht zufolge"}).items
    assert span_problems(book, old, sentence, ["cue_span"]) == ["X1: marking ('zufolge',) earns 0.5 of 1.0"]
    (fair,) = ex.span_key({"X1": "zufolge | Dem Bericht zufolge"}).items
    assert span_problems(book, fair, sentence, ["cue_span"]) == []


def test_a_source_kind_key_and_a_rule_taught_too_late_are_caught(book: Rulebook) -> None:
    assert choice_problems(book, "X1", ["anonymous", "unnamed_officials"], ["who_nobody"]) != []
    assert choice_problems(book, "X1", "anonymous", ["who_nobody"]) == []
    assert taught_problems(book, "a1 X1", ["hedge_not_decisive"], 2) == [
        "a1 X1: rule hedge_not_decisive is taught in lesson 04, after lesson 02"]


def test_each_lesson_widget_asks_the_units_its_check_grades() -> None:
    """A labeller or cue finder must show exactly the units its self-check grades."""
    problems = []
    for path in sorted((ROOT / "notebooks").glob("0[0-5]_*.ipynb")):
        cells = [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
        widgets: dict[str, set[str]] = {}
        checked: dict[str, str] = {}
        for source in cells:
            for node in ast.walk(ast.parse(source)):
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                    continue
                keywords = {k.arg: k.value for k in node.keywords}
                if node.func.attr in ("claim_labeller", "cue_finder") and "name" in keywords:
                    widgets[ast.literal_eval(keywords["name"])] = set(ast.literal_eval(node.args[1]))
                if node.func.attr == "check" and isinstance(node.args[1], ast.Name):
                    checked[node.args[1].id] = ast.literal_eval(node.args[0])
        for name, units in widgets.items():
            question = questions()[checked[name]]
            if units != set(question.units):
                problems.append(f"{path.name}: the widget for {question.id} shows {sorted(units)}, "
                                f"the check grades {sorted(question.units)}")
    assert problems == []
