"""Fixtures for the browser tests: a Binder-like JupyterLab server and Debian's Chromium.

The server runs in the environment that ``tools/binder_rehearsal.py`` builds from
``binder/`` alone (one per test session, shared with ``tests/test_binder.py``), so these
tests see what a student on Binder sees: the same packages, the same disabled teacher
tools, the same settings. It serves a fresh copy of the course per test, from a temporary
root, with its own HOME and Jupyter folders, on a free port of 127.0.0.1 with a token.

Chromium is Debian's (``/usr/bin/chromium``, or ``$SOURCEWISE_CHROMIUM``), driven by
Playwright's sync API; Playwright's own browser download is not used. On a failing test
a screenshot and a Playwright trace go to ``test-artifacts/<test>/``
(drop trace.zip on trace.playwright.dev, or ``playwright show-trace`` where Playwright
has a browser of its own).

For quick iterations, ``SOURCEWISE_REHEARSAL=/some/dir`` reuses (or builds once into)
that folder instead of a new environment per session (the ``rehearsal`` fixture is in
tests/conftest.py; starting and stopping a server is tests/lab_server.py's).

axe-core (``axe.min.js``, from npm: ``make test`` fetches the version the Makefile pins into
``.venv/``; or ``$SOURCEWISE_AXE``) checks the course's own output in each lesson's page.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from lab_server import Server, as_root, free_port, load_rehearsal, shut_down_kernels, start, stop

from browser.accessibility import axe_script
from browser.labdriver import Lab

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("SOURCEWISE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[Any]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    setattr(item, f"report_{report.when}", report)


# --- the environment and the server -----------------------------------------------------------


@pytest.fixture(scope="session")
def lab_server(rehearsal: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """JupyterLab from the Binder environment, serving a temporary course root on 127.0.0.1."""
    base = tmp_path_factory.mktemp("lab")
    root = base / "root"
    root.mkdir()
    config = rehearsal.repo / "nbgrader_config.py"
    if config.exists():  # Validate reads it from the server's working folder, as on Binder
        shutil.copy2(config, root / "nbgrader_config.py")
    env = load_rehearsal().isolated_env(base / "home", path_first=rehearsal.venv / "bin")
    token = secrets.token_hex(16)
    port = free_port()
    cmd = [
        str(rehearsal.bin("jupyter")), "lab", "--no-browser",
        "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
        "--LabApp.expose_app_in_browser=True",
    ]
    if as_root():
        cmd.append("--allow-root")
    server = start(cmd, root=root, port=port, token=token, cwd=root, env=env, log=base / "server.log")
    try:
        yield server
    finally:
        stop(server.process)


@dataclass(frozen=True)
class Course:
    """A fresh copy of the course's notebooks/ and exercises/ for one test."""

    name: str  # its folder, relative to the server root: what goes into a /lab/tree/ URL
    folder: Path  # the same folder on disk

    def path(self, relative: str) -> str:
        return f"{self.name}/{relative}"


@pytest.fixture
def course(lab_server: Server, rehearsal: Any, request: pytest.FixtureRequest) -> Course:
    """Copy the course (as Binder has it) into the server root, in a folder of this test's own."""
    name = re.sub(r"[^A-Za-z0-9_]+", "_", request.node.name)[:60]
    target = lab_server.root / name
    for folder in ("notebooks", "exercises"):
        shutil.copytree(rehearsal.repo / folder, target / folder,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    return Course(name, target)


# --- the browser ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Playwright is not installed: the `test` extra of pyproject.toml must name "
                    "playwright (then `make test` installs it).", pytrace=False)
    if not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            f"No Chromium at {CHROMIUM}: the browser tests need Debian's chromium package "
            "(`apt-get install -y chromium`; .ci/run should install it before `make test`), "
            "or SOURCEWISE_CHROMIUM=/path/to/chromium. Playwright's own browser download is not used.",
            pytrace=False)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def lab(browser: Any, lab_server: Server, request: pytest.FixtureRequest) -> Iterator[Lab]:
    """A new browser context on the server, traced; on failure its screenshot and trace are kept."""
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="en-GB")
    context.set_default_timeout(30_000)
    context.tracing.start(screenshots=True, snapshots=True)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda msg: console.append(f"{msg.type}: {msg.text}"))
    page.on("pageerror", lambda error: console.append(f"pageerror: {error}"))
    workspace = re.sub(r"[^A-Za-z0-9]+", "-", request.node.name)[:80].strip("-")
    folder = ARTIFACTS / re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)
    shutil.rmtree(folder, ignore_errors=True)  # a pass leaves no stale failure behind
    driver = Lab(page, lab_server.url, lab_server.token, workspace)
    try:
        yield driver
    finally:
        report = getattr(request.node, "report_call", None)
        failed = report is None or report.failed
        if failed:
            folder.mkdir(parents=True, exist_ok=True)
            try:
                page.screenshot(path=str(folder / "screenshot.png"), full_page=True)
            except Exception as error:  # a crashed page: keep the trace at least
                (folder / "screenshot-failed.txt").write_text(str(error), encoding="utf-8")
            context.tracing.stop(path=str(folder / "trace.zip"))
            (folder / "console.txt").write_text("\n".join(console), encoding="utf-8")
            (folder / "server-log.txt").write_text(lab_server.log_tail(400), encoding="utf-8")
            sys.stderr.write(f"\nbrowser artifacts of {request.node.nodeid}: {folder}\n")
        else:
            context.tracing.stop()
        context.close()
        shut_down_kernels(lab_server)


SCREENSHOTS = ROOT / "docs" / "screenshots"


@pytest.fixture
def keep_screenshot(lab: Lab) -> Any:
    """``keep_screenshot("lesson01")``: save the page to test-artifacts/screenshots/lesson01.png,
    and to docs/screenshots/ too when SOURCEWISE_UPDATE_SCREENSHOTS=1 (so that `make test`
    does not rewrite committed pictures on every run)."""

    def save(name: str) -> Path:
        path = ARTIFACTS / "screenshots" / f"{name}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        # The file browser would show this test's temporary folder; the notebook is the point.
        lab.page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
        lab.page.locator("#jp-left-stack").wait_for(state="hidden")
        lab.page.screenshot(path=str(path))
        if os.environ.get("SOURCEWISE_UPDATE_SCREENSHOTS") == "1":
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, SCREENSHOTS / path.name)
        return path

    return save


@pytest.fixture(scope="session")
def axe() -> str:
    """axe-core's script (axe.min.js), to run in a page (see tests/browser/accessibility.py)."""
    try:
        return axe_script()
    except FileNotFoundError as error:
        pytest.fail(str(error), pytrace=False)
