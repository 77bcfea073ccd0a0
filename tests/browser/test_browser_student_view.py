"""What Binder shows a student: lesson 00 opens, no teacher tools, no pop-ups, Validate there.

These read the settings binder/postBuild made, as the browser receives them.
"""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from browser.labdriver import expect

pytestmark = pytest.mark.browser

START = "notebooks/00_start_here.ipynb"  # the README's Binder link: urlpath=lab/tree/notebooks/00_start_here.ipynb


def test_binder_link_opens_lesson00_with_validate_and_without_teacher_tools(lab, course) -> None:
    lab.open(course.path(START))
    page = lab.page
    expect(page.locator("#jp-main-dock-panel .lm-TabBar-tab.jp-mod-current")).to_contain_text(
        "00_start_here.ipynb")

    # nbgrader's teacher parts are off: no Nbgrader menu, none of its teacher commands.
    menu_bar = page.locator("#jp-menu-panel, .lm-MenuBar-content").first
    expect(menu_bar).to_contain_text("Kernel")
    expect(menu_bar).not_to_contain_text("Nbgrader")
    commands = page.evaluate("""() => ['nbgrader:open-formgrader', 'nbgrader:open-create-assignment',
        'nbgrader:open-course-list', 'nbgrader:open-assignment-list']
        .filter(id => window.jupyterapp.commands.hasCommand(id))""")
    assert commands == []

    # The student's one nbgrader tool stays: Validate, in the notebook's toolbar.
    expect(page.locator(".jp-NotebookPanel-toolbar").get_by_role("button", name="Validate")).to_be_visible()

    # No news pop-up: the defaults postBuild overrode are the ones the page receives.
    fetch_news = page.evaluate("""async () => {
        const plugin = await window.jupyterapp.serviceManager.settings.fetch(
            '@jupyterlab/apputils-extension:notification');
        const defaults = plugin.schema.properties;
        return [defaults.fetchNews.default, defaults.checkForUpdates.default];
    }""")
    assert fetch_news == ["false", False]
    expect(page.get_by_text("official Jupyter news")).to_have_count(0)


@pytest.mark.parametrize("url", ["/formgrader", "/formgrader/api/assignments", "/assignments?course_id=sourcewise"])
def test_teacher_server_extensions_are_off(lab_server, url: str) -> None:
    request = urllib.request.Request(lab_server.url + url,
                                     headers={"Authorization": f"token {lab_server.token}"})
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(request, timeout=30)
    assert error.value.code == 404


def test_validate_server_extension_is_on(lab_server) -> None:
    request = urllib.request.Request(lab_server.url + "/nbgrader_version?version=0",
                                     headers={"Authorization": f"token {lab_server.token}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200
