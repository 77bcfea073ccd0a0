"""`make lab`, started as a student starts it, serves the repository root and opens lesson 00.

The test runs ``make lab`` itself (the Makefile's ``LAB_COMMAND``, the one line both use), with
options for a test appended (``LAB_OPTIONS``: no browser, a port, a token) and with the
install stamp taken as done (``make -o``): it checks the server, not the install. The
interpreter's own environment serves (``BIN=``), with a HOME and Jupyter folders of the test's
own. Then it asks the server over HTTP what a student's file browser and browser would get.
"""

from __future__ import annotations

import os
import secrets
import shutil
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from lab_server import ROOT, Server, free_port, load_rehearsal, start, stop

LESSON_00 = "notebooks/00_start_here.ipynb"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


@pytest.fixture(scope="module")
def make_lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    if shutil.which("make") is None:
        pytest.fail("`make` is not installed: the course's two commands are `make lab` and `make test`.")
    base = tmp_path_factory.mktemp("make-lab")
    env = load_rehearsal().isolated_env(base / "home")
    for name in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL"):  # an outer `make test` must not steer this one
        env.pop(name, None)
    token, port = secrets.token_hex(16), free_port()
    options = (f"--no-browser --ServerApp.ip=127.0.0.1 --ServerApp.port={port} "
               f"--ServerApp.port_retries=0 --IdentityProvider.token={token}")
    cmd = ["make", "--no-print-directory", "-o", ".venv/.installed-course", "lab",
           f"BIN={Path(sys.executable).parent}", f"LAB_OPTIONS={options}"]
    server = start(cmd, root=ROOT, port=port, token=token, cwd=ROOT, env=env, log=base / "server.log")
    try:
        yield server
    finally:
        stop(server.process)


def test_make_lab_serves_the_repository_root_and_opens_lesson_00(make_lab: Server) -> None:
    # The file browser's root is the repository: lessons and exercises side by side.
    root = {item["name"]: item["type"] for item in make_lab.get_json("/api/contents")["content"]}
    assert root.get("notebooks") == "directory" and root.get("exercises") == "directory", root
    exercises = make_lab.get_json("/api/contents/exercises")
    assert exercises["type"] == "directory"
    assert any(item["type"] == "directory" and item["name"].startswith("a1_")
               for item in exercises["content"]), exercises["content"]
    lesson = make_lab.get_json(f"/api/contents/{LESSON_00}?content=0")
    assert (lesson["type"], lesson["path"]) == ("notebook", LESSON_00)

    # The URL `make lab` opens (and prints) leads to lesson 00 in JupyterLab.
    opener = urllib.request.build_opener(_NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as redirect:
        opener.open(make_lab.request("/"), timeout=30)
    assert redirect.value.code == 302
    assert redirect.value.headers["Location"].split("?")[0].endswith(f"/lab/tree/{LESSON_00}")
    assert f"/lab/tree/{LESSON_00}?token=" in make_lab.log.read_text(encoding="utf-8", errors="replace")

    # As root JupyterLab refuses to start without --allow-root; it started, so the line has it.
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        assert "--allow-root" in make_lab.log.read_text(encoding="utf-8", errors="replace")
