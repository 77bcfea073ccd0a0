"""Drive JupyterLab in a Playwright page the way a student does, and read what it shows.

Clicks and typing go through the page like a person's; waiting uses JupyterLab's own state
(``window.jupyterapp``, exposed by ``--LabApp.expose_app_in_browser``): the kernel's status,
the cells' execution counts and sources. Nothing here sleeps for a fixed time.
"""

from __future__ import annotations

from typing import Any

try:
    from playwright.sync_api import expect
except ImportError:  # pragma: no cover - a missing test dependency, reported where it is used
    def expect(*args: Any, **kwargs: Any) -> Any:  # type: ignore[no-redef]
        import pytest

        pytest.fail("Playwright is not installed: the `test` extra of pyproject.toml must name "
                    "playwright (then `make test` installs it).", pytrace=False)
else:
    # Waiting, not timing: a kernel round trip on a busy 2-core CI machine can take seconds.
    expect.set_options(timeout=30_000)

RUN_TIMEOUT = 240_000  # ms for a whole notebook to run; a busy 2-core CI machine needs the margin


# JavaScript run in the page: `panel` is the notebook in front, `idle` whether its kernel is
# connected and idle.
_CURRENT = "const app = window.jupyterapp; const panel = app && app.shell.currentWidget;"
_IDLE = _CURRENT + """
  const kernel = panel && panel.sessionContext && panel.sessionContext.session
                 && panel.sessionContext.session.kernel;
  const idle = !!(kernel && kernel.status === 'idle' && kernel.connectionStatus === 'connected');
"""


class Lab:
    """One browser tab on the JupyterLab server."""

    def __init__(self, page: Any, url: str, token: str, workspace: str = "") -> None:
        self.page = page
        self.url = url
        self.token = token
        # A workspace of its own, so that no tab of an earlier test is restored into this one.
        self.workspace = workspace

    # --- opening ------------------------------------------------------------------------------

    def open(self, path: str) -> None:
        """Open the notebook at ``path`` (relative to the server root) and wait for its kernel.

        The URL is the one a Binder link's ``urlpath=lab/tree/PATH`` leads to, in this tab's
        own workspace.
        """
        where = f"lab/workspaces/{self.workspace}/tree" if self.workspace else "lab/tree"
        self.page.goto(f"{self.url}/{where}/{path}?token={self.token}")
        self.page.wait_for_function(
            "(path) => {" + _CURRENT + """
              return !!(app && app.started && panel && panel.context && panel.context.path === path
                        && panel.context.isReady && panel.content && panel.content.widgets.length > 0);
            }""",
            arg=path, timeout=120_000,
        )
        self.wait_idle()
        self.tag_cells()
        self.panel_id = str(self.page.evaluate("() => {" + _CURRENT + " return panel.id; }"))

    def wait_idle(self, timeout: float = 120_000) -> None:
        """Wait until the notebook's kernel is connected and idle."""
        self.page.wait_for_function("() => {" + _IDLE + " return idle; }", timeout=timeout)

    def tag_cells(self) -> None:
        """Give every cell's node a ``data-cell-id`` attribute with its notebook cell id."""
        self.page.evaluate("() => {" + _CURRENT + """
            for (const cell of panel.content.widgets) {
              cell.node.setAttribute('data-cell-id', cell.model.sharedModel.getId());
            }
        }""")

    # --- running ------------------------------------------------------------------------------

    def command(self, command: str, args: dict[str, Any] | None = None) -> None:
        """Run a JupyterLab command (as its menu item would) and wait for what it returns."""
        self.page.evaluate(
            "async ([command, args]) => { await window.jupyterapp.commands.execute(command, args); }",
            [command, args or {}],
        )

    def run_all(self) -> None:
        """Run all cells (Run → Run All Cells) and wait until every one has finished."""
        self.command("notebook:run-all-cells")
        self.wait_ran()

    def wait_ran(self, timeout: float = RUN_TIMEOUT) -> None:
        """Wait until no cell is queued or running and the kernel is idle."""
        self.page.wait_for_function(
            "() => {" + _IDLE + """
              const busy = panel.content.widgets.some(
                c => c.model.type === 'code' && c.promptNode && c.promptNode.textContent.includes('*'));
              return idle && !busy;
            }""",
            timeout=timeout,
        )

    def run_cell(self, cell_id: str) -> None:
        """Select a cell by clicking its prompt, run it with Shift+Enter, and wait for it."""
        cell = self.cell(cell_id)
        cell.locator(".jp-InputArea-prompt").click()
        self.page.keyboard.press("Shift+Enter")
        self.page.wait_for_function(
            "(id) => {" + _CURRENT + """
              const cell = panel.content.widgets.find(c => c.model.sharedModel.getId() === id);
              return !!cell && !cell.promptNode.textContent.includes('*');
            }""",
            arg=cell_id,
        )
        self.wait_ran()

    def restart_and_run_all(self) -> None:
        """Kernel → Restart Kernel and Run All Cells…, confirmed in its dialog, and wait.

        Waiting ends when the code cells carry the execution counts 1, 2, 3, … in order: only
        a new kernel that has run every cell gives those (a stale, pre-restart state does not).
        """
        self.page.evaluate("() => { window.jupyterapp.commands.execute('notebook:restart-run-all'); }")
        dialog = self.page.locator(".jp-Dialog")
        dialog.locator("button.jp-mod-accept").click()  # "Restart" (its label: Confirm Kernel Restart)
        dialog.wait_for(state="detached")
        self.page.wait_for_function(
            "() => {" + _CURRENT + """
              const counts = panel.content.widgets
                .filter(c => c.model.type === 'code' && c.model.sharedModel.getSource().trim() !== '')
                .map(c => c.model.executionCount);
              return counts.length > 0 && counts.every((n, i) => n === i + 1);
            }""",
            timeout=RUN_TIMEOUT,
        )
        self.wait_ran()

    def press_every(self, name: str) -> int:
        """Click every button called ``name`` in the notebook (e.g. each widget's Check), one by
        one, waiting for the kernel after each; return how many there were."""
        buttons = self.panel().get_by_role("button", name=name, exact=True)
        count = buttons.count()
        for i in range(count):
            buttons.nth(i).scroll_into_view_if_needed()
            buttons.nth(i).click()
            self.wait_ran()
        return count

    def save(self) -> None:
        self.command("docmanager:save")
        self.page.wait_for_function("() => {" + _CURRENT + " return !panel.context.model.dirty; }")

    # --- reading ------------------------------------------------------------------------------

    def cell(self, cell_id: str) -> Any:
        """The locator of the cell with this notebook cell id."""
        return self.panel().locator(f'.jp-Notebook [data-cell-id="{cell_id}"]')

    def panel(self) -> Any:
        """The locator of the notebook opened last (other tabs may hold cells with the same ids)."""
        return self.page.locator(f'[id="{self.panel_id}"]')

    def output(self, cell_id: str) -> Any:
        return self.cell(cell_id).locator(".jp-OutputArea-output")

    def source(self, cell_id: str) -> str:
        """The cell's text as the notebook model holds it (what is saved)."""
        return str(self.page.evaluate(
            "(id) => {" + _CURRENT + """
              const cell = panel.content.widgets.find(c => c.model.sharedModel.getId() === id);
              return cell ? cell.model.sharedModel.getSource() : null;
            }""",
            cell_id,
        ))

    def cell_errors(self) -> list[str]:
        """The error outputs (ename: evalue) of every cell."""
        return list(self.page.evaluate("() => {" + _CURRENT + """
            const errors = [];
            for (const cell of panel.content.widgets) {
              if (cell.model.type !== 'code') continue;
              const outputs = cell.model.outputs;
              for (let i = 0; i < outputs.length; i++) {
                const out = outputs.get(i).toJSON();
                if (out.output_type === 'error') errors.push(`${cell.model.sharedModel.getId()}: ${out.ename}: ${out.evalue}`);
              }
            }
            return errors;
        }"""))

    def scroll_to(self, cell_id: str) -> None:
        """Scroll the notebook so that this cell is at the top of the view."""
        self.cell(cell_id).evaluate("node => node.scrollIntoView({block: 'start'})")

    def widget_problems(self) -> list[str]:
        """Outputs where a widget failed to show (an error or a missing model), as text."""
        return [
            text for text in self.panel().locator(".jp-OutputArea-output").all_inner_texts()
            if "Error displaying widget" in text or "model not found" in text
        ]

    def type_into(self, cell_id: str, text: str) -> None:
        """Click into a cell's editor (double-click first, for a rendered Markdown cell),
        select everything in it and type ``text`` over it."""
        cell = self.cell(cell_id)
        rendered = cell.locator(".jp-MarkdownOutput")
        if rendered.count() and rendered.is_visible():
            rendered.dblclick()
        editor = cell.locator(".cm-content")
        editor.click()
        self.page.keyboard.press("ControlOrMeta+a")
        self.page.keyboard.press("Delete")
        self.page.keyboard.insert_text(text)
