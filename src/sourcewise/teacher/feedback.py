"""Per-student feedback HTML, made by nbgrader's own feedback step with its parts kept warm.

``nbgrader generate_feedback`` builds a new converter, exporter and Jinja environment for
every student, then runs nbgrader's ``GetGrades`` preprocessor and its ``feedback``
template. :func:`write_feedback` runs exactly those (the same preprocessors, the same
template, the same settings as ``GenerateFeedback``) but keeps one exporter per worker
process, so the templates are compiled once instead of once per student.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["write_feedback"]


@lru_cache(maxsize=1)
def _exporter() -> Any:
    import nbgrader
    from nbconvert.exporters import HTMLExporter
    from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
    from nbgrader.preprocessors import GetGrades
    from traitlets.config import Config

    package = Path(nbgrader.__file__).parent
    config = Config()
    config.Exporter.default_preprocessors = []  # as nbgrader's converters set it
    config.HTMLExporter.template_name = "feedback"
    config.HTMLExporter.extra_template_basedirs = [str(package / "server_extensions" / "formgrader" / "templates")]
    config.HTMLExporter.extra_template_paths = [
        str(package / "server_extensions" / "formgrader" / "static" / "node_modules" / "bootstrap" / "dist" / "css")
    ]
    exporter = HTMLExporter(config=config)  # type: ignore[no-untyped-call]
    exporter.register_preprocessor(GetGrades, enabled=True)  # type: ignore[no-untyped-call]
    exporter.register_preprocessor(CSSHTMLHeaderPreprocessor, enabled=True)  # type: ignore[no-untyped-call]
    return exporter


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
