"""axe-core in a JupyterLab page, scoped to what the course itself puts there.

The course's own content in a notebook is its cells' outputs (widgets, figures, feedback,
the HTML the library renders, printed text) and its rendered Markdown (the lesson's prose).
JupyterLab's own chrome (menus, toolbars, the file browser, the cell prompts and editors)
is upstream's and out of scope: axe runs only inside those nodes of the notebook in front.

axe-core comes from npm (``make test`` fetches the version the Makefile pins into ``.venv/``);
``$SOURCEWISE_AXE`` names another ``axe.min.js``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]

# What is the course's own, inside the notebook panel in front (the panel's id is given).
COURSE_CONTENT = (".jp-OutputArea-output", ".jp-MarkdownCell .jp-RenderedMarkdown")

# Rules that judge a whole page, not a part of it: where the notebook sits among JupyterLab's
# landmarks and headings is upstream's layout (and content outside a landmark is all of a
# notebook), so they cannot hold the course to anything.
PAGE_RULES = ("region", "landmark-one-main", "page-has-heading-one", "bypass")


def axe_script() -> str:
    """The text of axe.min.js: ``$SOURCEWISE_AXE``, else the newest one ``make test`` fetched."""
    chosen = os.environ.get("SOURCEWISE_AXE")
    if chosen:
        path = Path(chosen)
    else:
        found = sorted((ROOT / ".venv").glob("axe-core-*/node_modules/axe-core/axe.min.js"),
                       key=lambda p: tuple(int(n) for n in p.parts[-4].removeprefix("axe-core-").split(".")
                                           if n.isdigit()))
        if not found:
            raise FileNotFoundError(
                "axe-core is not installed: `make test` fetches it with npm into .venv/ "
                "(or set SOURCEWISE_AXE=/path/to/axe.min.js).")
        path = found[-1]
    if not path.is_file():
        raise FileNotFoundError(f"SOURCEWISE_AXE names {path}, which is not a file (it should be axe.min.js).")
    return path.read_text(encoding="utf-8")


@dataclass(frozen=True)
class Violation:
    """One element that breaks one axe rule."""

    rule: str  # axe's rule id, e.g. "image-alt"
    impact: str  # minor, moderate, serious, critical
    help: str  # the rule's one-line summary
    help_url: str
    html: str  # the offending element's markup, as axe quotes it
    cell: str  # the id of the notebook cell it is in ("" if none was found)
    target: str  # a CSS selector for it
    summary: str  # what axe says to fix

    def describe(self) -> str:
        html = self.html if len(self.html) <= 400 else self.html[:400] + "…"
        return (f"{self.rule} ({self.impact}): {self.help}\n"
                f"    element: {html}\n"
                f"    in cell: {self.cell or '?'} (at {self.target})\n"
                f"    fix: {' '.join(self.summary.split())}\n"
                f"    rule: {self.help_url}")


# Run in the page. axe judges what is visible on screen (colour contrast, for one) only for
# elements inside the visible part of every scrolling ancestor. So axe runs once over all of
# the course's nodes (the rules about markup, names, roles, ...), then the notebook is scrolled
# through in half-window steps and axe runs over the nodes in view each time; violations are
# merged by rule and element. Test-only CSS gives <body> the window's height: JupyterLab's
# shell is positioned absolutely, so its <body> is 0 px tall, which axe reads as "everything
# is clipped" and silently skips every on-screen rule.
_RUN = """async ([script, panelId, selectors, disabled]) => {
  if (!window.axe) { (0, eval)(script); }
  if (!document.getElementById('sourcewise-axe-style')) {
    const style = document.createElement('style');
    style.id = 'sourcewise-axe-style';
    style.textContent = 'html, body { height: 100%; }';
    document.head.appendChild(style);
  }
  const panel = document.getElementById(panelId);
  const scroller = panel.querySelector('.jp-WindowedPanel-outer');
  const course = () => selectors.flatMap(s => Array.from(panel.querySelectorAll(s)));
  const options = {resultTypes: ['violations'],
                   rules: Object.fromEntries(disabled.map(id => [id, {enabled: false}]))};
  const found = new Map();
  const collect = (result) => {
    for (const violation of result.violations) {
      for (const node of violation.nodes) {
        const key = violation.id + ' ' + node.target.join(' ');
        if (found.has(key)) continue;
        // which notebook cell (its id, see Lab.tag_cells) the element is in
        const element = node.target.length === 1 ? document.querySelector(node.target[0]) : null;
        const cell = element && element.closest('[data-cell-id]');
        found.set(key, {id: violation.id, impact: violation.impact, help: violation.help,
                        helpUrl: violation.helpUrl, html: node.html, target: node.target,
                        summary: node.failureSummary || '', cell: cell ? cell.getAttribute('data-cell-id') : ''});
      }
    }
  };
  const frame = () => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  const all = course();
  if (all.length === 0) { return {version: window.axe.version, checked: 0, windows: 0, violations: []}; }
  const first = await window.axe.run({include: all}, options);
  collect(first);
  let windows = 0;
  for (let top = 0; windows < 400; top += Math.max(100, scroller.clientHeight / 2)) {
    scroller.scrollTop = top;
    await frame();
    const view = scroller.getBoundingClientRect();
    const inView = course().filter(node => {
      const box = node.getBoundingClientRect();
      return box.height > 0 && box.bottom > view.top && box.top < view.bottom;
    });
    if (inView.length) { collect(await window.axe.run({include: inView}, options)); }
    windows += 1;
    if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1) break;
  }
  return {version: first.testEngine.version, checked: all.length, windows: windows,
          violations: Array.from(found.values())};
}"""

# A tall window: fewer scroll steps, the same content.
WINDOW = {"width": 1366, "height": 2400}


@dataclass(frozen=True)
class AxeRun:
    version: str
    checked: int  # how many course nodes axe was given
    windows: int  # how many scroll positions it looked at
    violations: tuple[Violation, ...]

    def report(self, where: str) -> str:
        """Every violation, one paragraph each, headed by where it was found."""
        lines = [f"axe-core {self.version} found {len(self.violations)} violation(s) in the course's "
                 f"own output of {where} ({self.checked} nodes, {self.windows} scroll positions):"]
        lines += [violation.describe() for violation in self.violations]
        return "\n".join(lines)

    def require_none(self, where: str) -> None:
        """Fail the test with the report when axe found anything."""
        if self.violations:
            pytest.fail(self.report(where), pytrace=False)


def check(page: Any, panel_id: str, script: str) -> AxeRun:
    """Run axe over the course's content in the notebook panel ``panel_id``, scrolled through."""
    before = page.viewport_size
    page.set_viewport_size(WINDOW)
    try:
        raw = page.evaluate(_RUN, [script, panel_id, list(COURSE_CONTENT), list(PAGE_RULES)])
    finally:
        if before:
            page.set_viewport_size(before)
    violations = tuple(
        Violation(rule=v["id"], impact=v.get("impact") or "unknown", help=v["help"], help_url=v["helpUrl"],
                  html=v["html"], cell=str(v.get("cell") or ""), target=" ".join(map(str, v["target"])),
                  summary=v["summary"])
        for v in raw["violations"]
    )
    return AxeRun(str(raw["version"]), int(raw["checked"]), int(raw["windows"]), violations)
