"""The library's layers, declared here and held against every import of every module.

A module may import from its own layer and the layers below it, never from a layer above,
and never another module's private names (``_name``); a private module (``_i18n``,
``teacher/_launch``) is for its own package. Every import counts: at the top of a file,
inside a function, and ``importlib.import_module("...")`` with a literal name.

The layers, bottom up (a package counts as one module, its inside as that module):

=====  ========================================  =============================================
layer  modules                                    what they are
=====  ========================================  =============================================
0      ``_i18n``                                  messages in two languages; imports nothing
1      ``errors``                                 the errors, and the one "did you mean"
2      ``language``, ``taxonomy``                 the language switch and ``Why``; the vocabulary
3      ``palette``                                one look for labels, cues and verdicts
4      ``rulebook``                               the rules every key, label and verdict follows
5      ``annotation``                             the annotation file format and its checks
6      ``article``                                the article model and its loader
7      ``grading``, ``cues``, ``sourcemap``,      logic on the data: scoring, the detector, the
       ``record``, ``suggest``                    source map's numbers, the later record, the
                                                  label suggester
8      ``render``, ``checks``, ``exercise``       text and HTML; the lessons' and exercises' checks
9      ``widgets``, ``plots``                     what a notebook shows: widgets and figures
10     ``teacher``, ``cli``                       the teacher's tools and the command line
11     ``sourcewise`` (``__init__``)              the notebook-facing API: it may reach anything
=====  ========================================  =============================================
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "sourcewise"

LAYERS: tuple[tuple[str, ...], ...] = (
    ("_i18n",),
    ("errors",),
    ("language", "taxonomy"),
    ("palette",),
    ("rulebook",),
    ("annotation",),
    ("article",),
    ("grading", "cues", "sourcemap", "record", "suggest"),
    ("render", "checks", "exercise"),
    ("widgets", "plots"),
    ("teacher", "cli"),
    ("__init__",),
)
LAYER = {name: number for number, names in enumerate(LAYERS) for name in names}

# Imports whose target is chosen at run time, each with the reason it may stay dynamic.
DYNAMIC = {
    "sourcewise": "the lazy public API: names and submodules come from the _EXPORTS table",
}


@dataclass(frozen=True)
class Import:
    importer: str
    target: str  # a module, or a non-sourcewise name as written
    names: tuple[str, ...]  # what ``from target import ...`` takes; () for a plain import
    line: int
    how: str


def module_of(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_of(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def room(module: str) -> str:
    """The layer name of a sourcewise module: its first part under the package."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def resolve(target: str, name: str) -> str:
    """``from target import name``: the submodule ``target.name`` if there is one."""
    return f"{target}.{name}" if f"{target}.{name}" in MODULES else target


def imports_of(source: str, importer: str, is_package: bool = False) -> list[Import]:
    """Every import in ``source``, wherever it stands, with relative names resolved."""
    found: list[Import] = []
    package = importer if is_package else importer.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [Import(importer, alias.name, (), node.lineno, "import") for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                target = resolve(base, alias.name)
                names = () if target != base else (alias.name,)
                found.append(Import(importer, target, names, node.lineno, "from"))
        elif isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called in ("import_module", "__import__"):
                argument = node.args[0] if node.args else None
                if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                    found.append(Import(importer, argument.value, (), node.lineno, "import_module"))
                else:
                    found.append(Import(importer, "<dynamic>", (), node.lineno, "import_module"))
    return found


def private_attributes(source: str, importer: str) -> list[str]:
    """``module._name`` where ``module`` is a sourcewise module bound by an import."""
    tree = ast.parse(source)
    bound: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("sourcewise") and alias.asname:
                    bound[alias.asname] = alias.name
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sourcewise"):
            for alias in node.names:
                target = resolve(node.module or "", alias.name)
                if target != node.module:
                    bound[alias.asname or alias.name] = target
    problems = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in bound
                and node.attr.startswith("_") and not node.attr.startswith("__")):
            problems.append(f"{importer}:{node.lineno} uses {bound[node.value.id]}.{node.attr}, a private name")
    return problems


def problems_of(found: list[Import]) -> list[str]:
    """The arrows that break the rules, each as a sentence."""
    problems = []
    for imp in found:
        where = f"{imp.importer}:{imp.line}"
        if imp.target == "<dynamic>":
            if imp.importer not in DYNAMIC:
                problems.append(f"{where} imports a module chosen at run time; name it, or declare why in DYNAMIC")
            continue
        if imp.target != "sourcewise" and not imp.target.startswith("sourcewise."):
            continue
        if imp.target not in MODULES:
            problems.append(f"{where} imports {imp.target}, which does not exist")
            continue
        mine, theirs = room(imp.importer), room(imp.target)
        if LAYER[theirs] > LAYER[mine]:
            problems.append(
                f"{where} imports {imp.target} ({imp.how}): '{theirs}' is layer {LAYER[theirs]}, above "
                f"'{mine}' (layer {LAYER[mine]}); move the shared piece down, or the import up"
            )
        private = [part for part in imp.target.split(".") if part.startswith("_") and not part.startswith("__")]
        if private:
            owner = imp.target.rpartition(".")[0]
            if not (imp.importer == owner or imp.importer.startswith(owner + ".")):
                problems.append(f"{where} imports {imp.target}, a private module of {owner}")
        for name in imp.names:
            if name.startswith("_") and not name.startswith("__") and imp.target != imp.importer:
                problems.append(f"{where} takes {name} from {imp.target}: a private name; make it public or move it")
    return problems


def all_imports() -> list[Import]:
    return [
        imp
        for module, path in MODULES.items()
        for imp in imports_of(path.read_text(encoding="utf-8"), module, path.name == "__init__.py")
    ]


def test_every_module_has_a_layer() -> None:
    assert {room(module) for module in MODULES} <= set(LAYER), sorted({room(m) for m in MODULES} - set(LAYER))


def test_no_import_points_up_a_layer_or_into_private_names() -> None:
    problems = problems_of(all_imports())
    for module, path in MODULES.items():
        problems += private_attributes(path.read_text(encoding="utf-8"), module)
    assert problems == [], "\n".join(problems)


def test_the_walk_sees_imports_inside_functions_and_by_name() -> None:
    seen = {(imp.importer, imp.target) for imp in all_imports()}
    assert ("sourcewise.teacher.rescore", "sourcewise.exercise") in seen  # at the top of a file
    assert ("sourcewise.cli", "sourcewise.teacher.grade") in seen  # inside a function
    assert ("sourcewise.widgets.keep", "sourcewise.widgets.display") in seen  # import ... as ...


FAKES = {
    "an upward import at the top": ("sourcewise.grading", "from sourcewise.widgets import keep\n", "above"),
    "an upward import in a function": (
        "sourcewise.article", "def f():\n    from sourcewise.cues import find_cues\n", "above"),
    "an upward import by name": (
        "sourcewise.errors", "import importlib\nimportlib.import_module('sourcewise.plots')\n", "above"),
    "a relative upward import": ("sourcewise.cues.engine", "from ..render import markup\n", "above"),
    "a private name": ("sourcewise.widgets.cue_finder", "from sourcewise.render.markup import _walk\n", "private name"),
    "another package's private module": (
        "sourcewise.cli", "from sourcewise.teacher._kernel import spec\n", "private module"),
    "a module chosen at run time": ("sourcewise.checks", "import importlib\nimportlib.import_module(name)\n", "run time"),
}


@pytest.mark.parametrize("fake", FAKES)
def test_the_check_fails_on_a_fake_bad_import(fake: str) -> None:
    importer, source, complaint = FAKES[fake]
    problems = problems_of(imports_of(source, importer))
    assert len(problems) == 1 and complaint in problems[0], problems


def test_the_check_fails_on_a_private_attribute() -> None:
    source = "import sourcewise.render as render\nrender._text('x')\n"
    assert private_attributes(source, "sourcewise.widgets.texts") == [
        "sourcewise.widgets.texts:2 uses sourcewise.render._text, a private name"
    ]


def test_the_check_lets_a_good_import_pass() -> None:
    source = "from sourcewise.grading import score\nfrom sourcewise._i18n import message\nfrom . import display\n"
    assert problems_of(imports_of(source, "sourcewise.widgets.keep")) == []
