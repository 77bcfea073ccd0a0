"""Per-student feedback HTML, made by nbgrader's own feedback step with its parts kept warm.

``nbgrader generate_feedback`` builds a new converter, exporter and Jinja environment for
every student, then runs nbgrader's ``GetGrades`` preprocessor and its ``feedback``
template. :func:`write_feedback` runs exactly those (the same preprocessors, the same
template, the same settings as ``GenerateFeedback``) but keeps one exporter per worker
process, so the templates are compiled once instead of once per student, and skips the
HTML exporter's second pass over the finished page (a BeautifulSoup parse that adds tab
stops to JupyterLab's cell classes, which nbgrader's feedback template does not use, and
alt text to images that have none: here that is done by a plain search). That pass was
half the cost of a page.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["warm_exporter", "write_feedback"]


_NO_ALT = re.compile(r"<img(?![^>]*\balt=)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _exporter() -> Any:
    import nbgrader
    from nbconvert.exporters import HTMLExporter, TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter
    from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
    from nbgrader.preprocessors import GetGrades
    from traitlets.config import Config

    class FeedbackExporter(HTMLExporter):
        """``HTMLExporter`` up to the finished page, without its BeautifulSoup pass."""

        def from_notebook_node(self, nb: Any, resources: Any = None, **kw: Any) -> Any:
            info = nb.metadata.get("language_info", {})
            lexer = info.get("pygments_lexer", info.get("name"))
            highlight = Highlight2HTML(pygments_lexer=lexer, parent=self)  # type: ignore[no-untyped-call]
            self.register_filter("highlight_code", self.filters.get("highlight_code", highlight))  # type: ignore[no-untyped-call]
            resources = self._init_resources(resources)  # type: ignore[no-untyped-call]
            data_types = WidgetsDataTypeFilter(  # type: ignore[no-untyped-call]
                notebook_metadata=self._nb_metadata, parent=self, resources=resources)
            self.register_filter("filter_data_type", data_types)  # type: ignore[no-untyped-call]
            html, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
            return _NO_ALT.sub('<img alt="No description has been provided for this image"', html), resources

    package = Path(nbgrader.__file__).parent
    config = Config()
    config.Exporter.default_preprocessors = []  # as nbgrader's converters set it
    config.HTMLExporter.template_name = "feedback"
    config.HTMLExporter.extra_template_basedirs = [str(package / "server_extensions" / "formgrader" / "templates")]
    config.HTMLExporter.extra_template_paths = [
        str(package / "server_extensions" / "formgrader" / "static" / "node_modules" / "bootstrap" / "dist" / "css")
    ]
    exporter = FeedbackExporter(config=config)  # type: ignore[no-untyped-call]
    exporter.register_preprocessor(GetGrades, enabled=True)  # type: ignore[no-untyped-call]
    exporter.register_preprocessor(CSSHTMLHeaderPreprocessor, enabled=True)  # type: ignore[no-untyped-call]
    return exporter


def warm_exporter() -> None:
    """Build the exporter now (a grading run does this before it forks its workers)."""
    _exporter()


def write_feedback(autograded: Path, db_url: str, assignment: str, student_id: str, dest: Path) -> Path:
    """Render the feedback page for one autograded notebook into ``dest`` (a file path)."""
    notebook = autograded.stem
    resources = {
        "unique_key": notebook,
        "output_files_dir": f"{notebook}_files",
        "nbgrader": {"student": student_id, "assignment": assignment, "notebook": notebook, "db_url": db_url},
    }
    body, _ = _exporter().from_filename(str(autograded), resources=resources)
    dest.parent.mkdir(parents=True, exist_ok=True)
    if dest.exists():
        dest.unlink()
    dest.write_text(body, encoding="utf-8")
    return dest
