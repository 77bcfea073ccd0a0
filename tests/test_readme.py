"""The README says each thing once, and what it shows is what the code does.

Conventions for README.md (what these tests hold it to):

* every heading is unique (a repeated heading is a section said twice), and every link to
  ``#a-heading`` (the contents list) leads to one;
* a ```` ```pycon ```` block is a doctest: its ``>>>`` lines run, in order, in one namespace
  shared by every block of the file, and the output shown under them must be what they
  print (``...`` stands for the rest of a line or lines left out);
* a ```` ```python ```` block runs in the same namespace and must not raise; it shows no
  output, so it calls no ``print`` (an output worth showing goes in a ``pycon`` block,
  where it is checked);
* every picture and every local file it links to exists, every ``make`` target it names
  exists, and every path in the Layout block is there (``x.py`` or the package ``x/``).
"""

from __future__ import annotations

import contextlib
import doctest
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
FENCE = re.compile(r"^```(?P<lang>[\w-]*)[^\n]*\n(?P<body>.*?)^```[ \t]*$", re.M | re.S)


@dataclass(frozen=True)
class Block:
    lang: str
    body: str
    line: int  # where its first line of code is in README.md


def _text() -> str:
    return README.read_text(encoding="utf-8")


def blocks(text: str) -> list[Block]:
    return [Block(m["lang"], m["body"], text.count("\n", 0, m.start("body")) + 1) for m in FENCE.finditer(text)]


def prose(text: str) -> str:
    """The README without its code blocks (their lines blanked, so line numbers stay)."""
    return FENCE.sub(lambda m: "\n" * m.group(0).count("\n"), text)


def headings(text: str) -> list[tuple[int, str]]:
    """(line, heading text) of every Markdown heading outside code blocks."""
    return [(n, m.group(1).strip()) for n, line in enumerate(prose(text).splitlines(), 1)
            if (m := re.match(r"#{1,6}\s+(.*?)\s*#*\s*$", line))]


def anchor(heading: str) -> str:
    """The id GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    kept = "".join(c for c in heading.lower()
                   if c in " -_" or unicodedata.category(c)[0] in "LN")
    return kept.replace(" ", "-")


def test_no_heading_is_repeated() -> None:
    seen: dict[str, int] = {}
    repeated = []
    for line, title in headings(_text()):
        key = " ".join(title.lower().split())
        if key in seen:
            repeated.append(f"line {line}: '{title}' (first at line {seen[key]})")
        seen.setdefault(key, line)
    assert not repeated, "README.md repeats a heading, so it says a section twice:\n" + "\n".join(repeated)


def test_links_to_sections_lead_to_a_heading() -> None:
    text = prose(_text())
    anchors = {anchor(title) for _, title in headings(_text())}
    broken = sorted(set(re.findall(r"\]\(#([^)]+)\)", text)) - anchors)
    assert not broken, f"README.md links to #{', #'.join(broken)}; its headings give: {sorted(anchors)}"


def test_pictures_and_local_links_exist() -> None:
    targets = re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", prose(_text()))
    local = [t for t in targets if not re.match(r"[a-z]+:", t)]
    assert any(t.endswith(".png") for t in local), "no picture found: the pattern is broken"
    missing = [t for t in local if not (ROOT / t).exists()]
    assert not missing, f"README.md links to files that do not exist: {missing}"


def test_make_targets_named_exist() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([\w.-]+):", makefile, re.M))
    named = set(re.findall(r"\bmake ([a-z][\w-]*)", _text()))
    assert named, "no `make` command found: the pattern is broken"
    assert named <= targets, f"README.md names make targets the Makefile lacks: {sorted(named - targets)}"


def test_layout_lists_paths_that_exist() -> None:
    layout = next(b for b in blocks(_text()) if b.lang == "" and b.body.startswith("pyproject.toml"))
    missing, parents = [], {0: ROOT}
    for line in layout.body.splitlines():
        match = re.match(r"( *)(\S+)", line)
        if not match:
            continue
        depth, name = len(match[1]), match[2]
        base = max((d for d in parents if d < depth), default=0)
        path = (parents[base] if depth else ROOT) / name.rstrip("/")
        exists = path.exists() or (path.suffix == ".py" and path.with_suffix("").is_dir())
        if not exists:
            missing.append(str(path.relative_to(ROOT)))
        if name.endswith("/"):
            parents = {d: p for d, p in parents.items() if d <= depth}
            parents[depth + 1] = path
    assert not missing, f"README.md's Layout names paths that do not exist: {missing}"


def test_python_blocks_show_no_output() -> None:
    printing = [b.line for b in blocks(_text()) if b.lang == "python" and re.search(r"\bprint\(", b.body)]
    assert not printing, (f"```python blocks at lines {printing} print: show that output in a ```pycon "
                          "block instead, where tests/test_readme.py checks it")


def test_examples_run_and_print_what_the_readme_shows() -> None:
    """Every pycon and python block, top to bottom, in one namespace."""
    examples = [b for b in blocks(_text()) if b.lang in ("pycon", "python")]
    assert any(b.lang == "pycon" and ">>>" in b.body for b in examples), "no ```pycon example left"
    namespace: dict[str, object] = {"__name__": "readme"}
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    failures: list[str] = []
    for block in examples:
        if block.lang == "python":
            try:
                with contextlib.redirect_stdout(io.StringIO()):
                    exec(compile(block.body, f"README.md:{block.line}", "exec"), namespace)
            except Exception as error:  # the README's example is broken: say where, and how
                failures.append(f"```python block at line {block.line} raised {type(error).__name__}: {error}")
            continue
        test = parser.get_doctest(block.body, namespace, "README.md", str(README), block.line - 1)
        out = io.StringIO()
        result = runner.run(test, out=out.write, clear_globs=False)
        namespace.update(test.globs)
        if result.failed:
            failures.append(out.getvalue())
    assert not failures, "README.md's examples no longer match the code:\n" + "\n".join(failures)


@pytest.mark.parametrize(("heading", "expected"), [
    ("For teachers: grade a class in one command", "for-teachers-grade-a-class-in-one-command"),
    ("The exercises (nbgrader)", "the-exercises-nbgrader"),
    ("Run it on Binder (nothing to install)", "run-it-on-binder-nothing-to-install"),
])
def test_anchor_follows_github(heading: str, expected: str) -> None:
    assert anchor(heading) == expected
